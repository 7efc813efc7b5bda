"""Build the demo site and one account per role. Safe to run again: it changes nothing twice."""

import importlib
import importlib.util
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Page, Site

from allauth.account.models import EmailAddress

from nolimits import demo
from nolimits.models import (
    ContentPage,
    HomePage,
    NavigationSettings,
    SiteSettings,
    StoryIndexPage,
    StoryPage,
    User,
)


def app_loaders() -> list:
    """Each app's own demo content (`<app>/demo_content.py`, a `load(home)` function), in the order of
    INSTALLED_APPS, which lists the apps floor by floor. Found by name, as Django finds each app's
    admin.py, so the foundation imports no app above it."""
    loaders = []
    for config in apps.get_app_configs():
        if config.name == "nolimits" or not Path(config.path).is_relative_to(settings.BASE_DIR):
            continue  # the foundation's content is loaded above; other people's apps have none
        if importlib.util.find_spec(f"{config.name}.demo_content") is not None:
            loaders.append(importlib.import_module(f"{config.name}.demo_content").load)
    return loaders


class Command(BaseCommand):
    help = "Load demo pages and demo accounts (refused under production settings)."

    def handle(self, *args, **options):
        if settings.NOLIMITS_ENVIRONMENT == "production":
            raise CommandError("load_demo is refused under production settings.")
        with transaction.atomic():
            home = self._home()
            pages = self._content_pages(home)
            self._stories(home)
            self._settings(home.get_site() or Site.objects.get(is_default_site=True), pages)
            self._home_body(home, pages)
            accounts = self._accounts()
            for load in app_loaders():
                load(home)
        self.stdout.write(self.style.SUCCESS("Demo content is ready at the home page."))
        self.stdout.write("Demo accounts (demo only; every password is the same):")
        for email, name, roles in accounts:
            self.stdout.write(f"  {email:<30} {demo.DEMO_PASSWORD}   {name} – {roles}")

    def _home(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            root = Page.objects.get(depth=1)
            home = HomePage(
                title=demo.HOME["title"],
                slug="home",
                hero_heading=demo.HOME["hero_heading"],
                hero_text=demo.HOME["hero_text"],
            )
            # Wagtail's welcome page holds slug "home": replace it with ours.
            welcome = Page.objects.filter(depth=2, slug="home").exclude(
                content_type__model="homepage"
            )
            for page in welcome:
                Site.objects.filter(root_page=page).delete()
                page.delete()
            root.add_child(instance=home)
            home.save_revision().publish()
        site, _ = Site.objects.get_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home},
        )
        if site.root_page_id != home.pk or site.site_name != "No Limits":
            site.root_page = home
            site.site_name = "No Limits"
            site.save()
        return home

    def _content_pages(self, home: HomePage) -> dict[str, Page]:
        pages: dict[str, Page] = {}
        for slug, (title, intro, body, _nav) in demo.CONTENT_PAGES.items():
            # Any page with the slug: an app's demo may have put its real page type in the place
            # of this one (grants/demo_content.py: "Apply for a grant" is the fund page).
            page = Page.objects.child_of(home).filter(slug=slug).first()
            if page is None:
                page = ContentPage(title=title, slug=slug, intro=intro, body=body)
                home.add_child(instance=page)
                page.save_revision().publish()
            pages[slug] = page
        return pages

    def _stories(self, home: HomePage) -> None:
        index = StoryIndexPage.objects.child_of(home).first()
        if index is None:
            index = StoryIndexPage(
                title="Stories",
                slug="stories",
                intro="<p>What No Limits has made possible, told with the consent of the young "
                "people and volunteers involved. Names have been changed.</p>",
            )
            home.add_child(instance=index)
            index.save_revision().publish()
        for slug, title, summary, text in demo.STORIES:
            if StoryPage.objects.child_of(index).filter(slug=slug).exists():
                continue
            story = StoryPage(
                title=title,
                slug=slug,
                summary=summary,
                body=[demo.p(text)],
                about_young_person=True,
                consent_confirmed=True,
            )
            index.add_child(instance=story)
            story.save_revision().publish()

    def _settings(self, site: Site, pages: dict[str, Page]) -> None:
        site_settings = SiteSettings.for_site(site)
        if not site_settings.contact_email:
            for field, value in demo.SITE_SETTINGS.items():
                setattr(site_settings, field, value)
            site_settings.save()
        nav = NavigationSettings.for_site(site)
        if not nav.header_links:
            stories = StoryIndexPage.objects.first()
            header = [
                {
                    "type": "link",
                    "value": {
                        "label": title if slug != "about" else "About",
                        "page": pages[slug].pk,
                        "url": "",
                    },
                }
                for slug, (title, _i, _b, in_nav) in demo.CONTENT_PAGES.items()
                if in_nav
            ]
            header.append(
                {"type": "link", "value": {"label": "Stories", "page": stories.pk, "url": ""}}
            )
            nav.header_links = header
            nav.footer_links = [
                {
                    "type": "link",
                    "value": {"label": pages[slug].title, "page": pages[slug].pk, "url": ""},
                }
                for slug in demo.NAV_FOOTER
            ]
            nav.footer_text = "Demo content: every person named on this site is invented."
            nav.save()

    def _home_body(self, home: HomePage, pages: dict[str, Page]) -> None:
        """The home page's calls to action point at pages made after it."""
        if not home.body:
            home.body = demo.home_body({slug: page.pk for slug, page in pages.items()})
            home.save_revision().publish()

    def _accounts(self) -> list[tuple[str, str, str]]:
        listed = []
        # One hash of the one demo password for every account: hashing it again for each costs
        # most of a second apiece.
        password = make_password(demo.DEMO_PASSWORD)
        for email, name, kind, directorate, roles, superuser in demo.DEMO_ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User(email=email)
            user.full_name = name
            user.kind = kind
            user.directorate = directorate
            user.is_superuser = superuser
            user.is_staff = superuser
            user.password = password
            user.full_clean(exclude=["password"])
            user.save()
            user.groups.set(Group.objects.filter(name__in=roles))
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            label = (
                "superuser"
                if superuser
                else (", ".join(roles) or f"{user.get_kind_display()}, no role")
            )
            listed.append((email, name, label))
        return listed
