from wagtail.models import Page, Site

import pytest

from nolimits.models import HomePage
from tests.factories import UserFactory


@pytest.fixture
def home(db) -> HomePage:
    """A published home page as the default site's root (what load_demo makes, minus content)."""
    root = Page.objects.get(depth=1)
    Page.objects.filter(depth=2).delete()
    home = HomePage(title="No Limits", slug="home", hero_heading="Do something for our children")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def make_user(db):
    return UserFactory
