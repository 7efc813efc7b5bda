"""The impact app's demo content: what open grants data needs to be published. Loaded by
`manage.py load_demo` after the grants app's categories."""

from wagtail.models import Site

from grants.models import Category
from impact.models import CategoryPurpose, ImpactPage, OpenDataSettings
from nolimits import demo
from nolimits.models import ContentPage, NavigationSettings

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
    impact_page(home, site)


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
