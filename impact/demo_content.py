"""The impact app's demo content: what open grants data needs to be published. Loaded by
`manage.py load_demo` after the grants app's categories."""

from wagtail.models import Site

from grants.models import Category
from impact import demo_history
from impact.models import CategoryPurpose, OpenDataSettings

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
