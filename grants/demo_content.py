"""The grants app's demo content: what young people can ask for. Loaded by `manage.py load_demo`."""

from grants.models import Category
from nolimits.models import HomePage

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


def load(home: HomePage) -> None:

    for name, slug, max_pence, guidance in GRANT_CATEGORIES:
        Category.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "max_amount_pence": max_pence, "guidance": guidance},
        )
