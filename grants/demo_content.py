"""The grants app's demo content: what young people can ask for, and the fund's page. Loaded by
`manage.py load_demo`."""

from grants.models import Category, FundPage
from nolimits import demo_nav
from nolimits.demo import h2, p
from nolimits.models import ContentPage, HomePage

# Grant categories: (name, slug, largest grant in pence, guidance)
GRANT_CATEGORIES = [
    (
        "Setting up home",
        "setting-up-home",
        50_000,
        "Furniture, bedding, kitchen things and other basics for your own place.",
    ),
    (
        "Education and training",
        "education",
        40_000,
        "Course fees, books, equipment or a laptop for studying.",
    ),
    (
        "Getting into work",
        "work",
        30_000,
        "Interview clothes, work boots, tools, travel for the first month.",
    ),
    (
        "Driving lessons",
        "driving",
        50_000,
        "Lessons and tests, to help you get to work or college.",
    ),
    (
        "Hobbies and activities",
        "hobbies",
        20_000,
        "Club fees, kit or equipment for something you love doing.",
    ),
    (
        "Health and wellbeing",
        "wellbeing",
        20_000,
        "Things that help you feel well, like a gym membership.",
    ),
]


FUND_PAGE = {
    "title": "Apply for a grant",
    "slug": "grants",
    "intro": "<p>If you are aged 16 to 25 and have been in care, you can ask No Limits for money "
    "towards something that will help you.</p>",
    "body": [
        h2("How it works"),
        p(
            "Tell us what it is for, how much it costs and how it will help. Your personal "
            "adviser or social worker will be asked to support your application.",
            "A panel, which includes young people, looks at every application and will tell "
            "you what they decide. It takes about ten minutes on your phone, and you can save "
            "and finish later.",
        ),
    ],
}


def load(home: HomePage) -> None:

    for name, slug, max_pence, guidance in GRANT_CATEGORIES:
        Category.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "max_amount_pence": max_pence, "guidance": guidance},
        )
    _fund_page(home)


def _fund_page(home: HomePage) -> None:
    """The fund's real page (it lists the categories) where the foundation's demo made an
    ordinary content page of the same slug ("Apply for a grant", nolimits/demo.py): the
    navigation and the home page's call to action are pointed at it and the content page is
    deleted. An already-loaded demo is upgraded the same way; once done, nothing changes."""
    if FundPage.objects.exists():
        return
    placeholder = ContentPage.objects.child_of(home).filter(slug=FUND_PAGE["slug"]).first()
    fund = FundPage(title=FUND_PAGE["title"], slug="grants-fund", intro=FUND_PAGE["intro"])
    fund.body = FUND_PAGE["body"]
    home.add_child(instance=fund)
    if placeholder is not None:
        demo_nav.page_replace(placeholder, fund)
    fund.slug = FUND_PAGE["slug"]
    fund.save_revision().publish()
