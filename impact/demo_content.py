"""The impact app's demo content: what open grants data needs to be published. Loaded by
`manage.py load_demo` after the grants app's categories."""

from wagtail.models import Site

from grants.models import Category
from impact import demo_history
from impact.champions.models import DirectorateChampion, Encouragement
from impact.models import CategoryPurpose, ImpactPage, OpenDataSettings
from nolimits import demo
from nolimits.models import ContentPage, NavigationSettings, User

# Each demo category in the standard's Grants to Individuals Purpose codelist.
PURPOSES = {
    "setting-up-home": "GTIP020",
    "education": "GTIP130",
    "work": "GTIP140",
    "driving": "GTIP100",
    "hobbies": "GTIP110",
    "wellbeing": "GTIP120",
}


def load(home) -> None:
    site = Site.objects.get(is_default_site=True)
    found = OpenDataSettings.for_site(site)
    if not found.publisher_prefix:
        found.publisher_prefix = "360G-thamesbrookcf"
        found.local_authority_name = "Thamesbrook"
        found.save()
    for category in Category.objects.filter(slug__in=PURPOSES):
        CategoryPurpose.objects.get_or_create(
            settings=found, category=category, defaults={"purpose": PURPOSES[category.slug]}
        )
    demo_history.load()  # about 18 months of history (impact/demo_history), once
    impact_page(home, site)
    load_champions()


# --- The impact page, under home and in the header navigation ---------------------------------------


def impact_page(home, site) -> ImpactPage:
    page = ImpactPage.objects.child_of(home).first()
    if page is None:
        give = ContentPage.objects.child_of(home).filter(slug="give-money").first()
        page = ImpactPage(
            title="Our impact",
            slug="impact",
            intro="<p>Every pound and every hour given through No Limits goes to the children in "
            "our care and our care leavers. Here is what that has added up to.</p>",
            body=[demo.cta("Be part of it", "Give a little each month, or give your time.",
                           "Give money", give.pk)] if give else [],
        )  # fmt: skip
        home.add_child(instance=page)
        page.save_revision().publish()
    nav = NavigationSettings.for_site(site)
    links = list(nav.header_links.raw_data)
    if not any(link["value"].get("page") == page.pk for link in links):
        links.append({"type": "link", "value": {"label": "Our impact", "page": page.pk, "url": ""}})
        nav.header_links = links
        nav.save()
    return page


# --- Directorate champions (issue 15 item 4) -----------------------------------------------------

CHAMPIONS = {"champion@example.org": "resources"}
ENCOURAGEMENT = [
    (
        "Email to colleagues",
        "email",
        "Could you do something for the children in our care?",
        "Hello everyone,\n\n"
        "I'm {directorate}'s champion for No Limits, the council's scheme through which every "
        "one of us can do something for the children in our care and our care leavers.\n\n"
        "You can give a few pounds a month (from your pay, by card or Direct Debit), give an hour "
        "or two of your time as a mentor or at a come-along activity, or both. Every pound goes "
        "into the No Limits fund, and young people apply to it for the things that help them "
        "get started: a bed, a laptop, driving lessons.\n\n"
        "Find out more and sign up on the No Limits site. If you have a question, ask me.\n\n"
        "Thank you",
    ),
    (
        "Intranet post",
        "intranet",
        "{directorate} is taking part in No Limits",
        "Colleagues across {directorate} are giving money and time to No Limits, the council's "
        "scheme for the children in our care and our care leavers. A monthly gift from your pay "
        "takes two minutes to set up; volunteering starts with a short application, checks and "
        "training, and we support you all the way. Read how the fund has helped young people, "
        "and join in, on the No Limits site.",
    ),
    (
        "Teams message",
        "teams",
        "",
        "Quick one: No Limits lets us give a little each month or a little time to the children "
        "in our care and our care leavers. It takes two minutes to sign up on the No Limits site. "
        "Ask me if you'd like to know more. (I'm {directorate}'s champion.)",
    ),
]


def load_champions() -> None:
    for email, directorate in CHAMPIONS.items():
        DirectorateChampion.objects.get_or_create(
            user=User.objects.get(email=email), defaults={"directorate": directorate}
        )
    if not Encouragement.objects.exists():
        for order, (title, channel, subject, text) in enumerate(ENCOURAGEMENT):
            Encouragement.objects.create(
                title=title, channel=channel, subject=subject, text=text, sort_order=order
            )
