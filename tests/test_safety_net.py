"""The safety net: every URL pattern, as every demo role and anonymously, on a used demo.

Loads the demo, saves every site-settings row, seeds one private record of each kind with a
distinctive string, then requests every URL pattern of the resolver (Wagtail admin viewsets
included) with real object ids, as each demo account (admin roles with their two-factor set
up, as production demands) and as an anonymous visitor. It asserts no response is a 500 and no
private string reaches anyone it is not meant for (and each is shown to someone allowed, so
the walk reaches the screens that show it). A second walk, under production settings, as
someone in an admin role who has only a password, finds nothing open to them that an ordinary
signed-in person cannot open, apart from their own account and two-factor set-up pages, and no
private string on any page.

New URLs and demo data are covered without changing this file; a new kind of private record
needs a line in `seed_private_records` saying who may see it.
"""

import datetime as dt
import re
import uuid

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from wagtail.admin.viewsets import viewsets as admin_viewsets
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Page, Site

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from nolimits import demo, roles
from nolimits.models import User

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
# Patterns that are not pages: POST-only endpoints, sign-out, and what only serves files.
# admin/failwhale/ is Wagtail's own "raise an error on purpose" page.
SKIP = re.compile(
    r"^(pledges/stripe/webhook/|accounts/logout/|admin/logout/|admin/failwhale/|static/|media/)"
)
APP_OF_PREFIX = {"pledges": "pledges", "volunteer": "volunteers", "grant-applications": "grants"}
# Known 500s that another branch fixes. Each must still fail here: when it stops failing (the
# fix merged), the test says so, so the entry is removed and the URL is guarded again.
KNOWN_BROKEN: dict[str, str] = {}


def _known_broken(url: str, exc: Exception) -> str | None:
    for pattern, error in KNOWN_BROKEN.items():
        if re.match(pattern, url) and type(exc).__name__ == error:
            return pattern
    return None


def seed_private_records() -> dict[str, set[str]]:
    """One private record of each kind, each holding a distinctive string; -> who may see it."""
    from grants.models import Application
    from matching import services as matching_services
    from pledges.models import GiftAidDeclaration
    from tests.volunteers.conftest import applicant
    from volunteers.models import ExpenseClaim, SupervisionNote, VolunteerSession

    def person(email):
        return User.objects.get(email=email)

    from volunteers.models import Volunteer

    # the demo's volunteer (load_demo makes one, matched); a fresh demo without it applies here
    volunteer = Volunteer.objects.filter(user__email="volunteer@example.org").first() or applicant(
        user=person("volunteer@example.org")
    )
    session = VolunteerSession.objects.create(
        volunteer=volunteer, date=dt.date(2026, 11, 2), minutes=60, what_happened="ZQSESSION4417"
    )
    ExpenseClaim.objects.create(
        session=session, kind="mileage", description="ZQEXPENSE5521", miles=2, amount_pence=90
    )
    SupervisionNote.objects.create(
        volunteer=volunteer,
        mentor=person("mentor@example.org"),
        held_on=dt.date(2026, 11, 3),
        notes="ZQSUPERVISION6630",
    )
    born = dt.date.today().replace(year=dt.date.today().year - 15) - dt.timedelta(days=10)
    matching_services.young_person_refer(
        first_name="Jo",
        date_of_birth=born,
        area="Thamesbrook",
        interests="ZQYOUNGPERSON7702",
        availability="Tuesday evenings",
        worker_name="Wren Worker",
        worker_email="wren@example.org",
        consent=True,
    )
    from django.utils import timezone

    from grants.models import Category

    Application.objects.create(  # sent to the panel, as the screens expect of one in review
        applicant=person("young.person@example.org"),
        status=Application.Status.IN_REVIEW,
        submitted_at=timezone.now(),
        category=Category.objects.order_by("pk").first(),
        what_for="A bed",
        amount_pence=15000,
        how_it_helps="ZQAPPLICATION8890",
        worker_name="Wren Worker",
        worker_email="wren@example.org",
    )
    GiftAidDeclaration.objects.create(
        donor=person("donor@example.org"),
        wording="I want to Gift Aid my donations.",
        charity_name="Thamesbrook Community Foundation",
        first_name="Dana",
        last_name="Donor",
        house_name_or_number="ZQGIFTAID9914",
        postcode="SL1 2AB",
    )
    admin = "admin@example.org"
    coordinator = "coordinator@example.org"
    panel = {"panel@example.org", "chair@example.org", "young.panellist@example.org"}
    return {
        # the volunteer's own mentor reads their sessions to supervise them (mentee page)
        "ZQSESSION4417": {admin, coordinator, "volunteer@example.org", "mentor@example.org"},
        "ZQEXPENSE5521": {admin, coordinator, "volunteer@example.org", "finance@example.org"},
        "ZQSUPERVISION6630": {admin, coordinator, "mentor@example.org", "volunteer@example.org"},
        "ZQYOUNGPERSON7702": {admin, coordinator},
        "ZQAPPLICATION8890": {admin, "young.person@example.org"} | panel,
        "ZQGIFTAID9914": {admin, "donor@example.org", "finance@example.org"},
    }


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), namespace


def _first_pk(model) -> str | None:
    """The newest row's id: the private records seeded after the demo are the newest of their
    kind, so the screens that show them are the ones requested."""
    if isinstance(model, str):
        from django.apps import apps

        model = apps.get_model(model)
    obj = model._default_manager.order_by("-pk").first()
    return None if obj is None else str(obj.pk)


def value_pools() -> dict:
    """Real ids for the parameters of URL patterns."""
    viewset_models = {}
    for viewset in admin_viewsets.viewsets:
        model = getattr(viewset, "model", None)
        namespace = getattr(viewset, "url_namespace", None) if viewset.name else None
        if model is not None and namespace:
            viewset_models[namespace] = model
    uuids: dict[str, list[str]] = {}
    for model in [m for m in _all_models() if any(f.name == "uuid" for f in m._meta.fields)]:
        newest = model._default_manager.order_by("-pk").values_list("uuid", flat=True)[:1]
        values = [str(u) for u in newest]
        uuids.setdefault(model._meta.app_label, []).extend(values)
    from volunteers.models import ExpenseClaim

    uuids.setdefault("volunteers", []).extend(
        str(k)
        for k in ExpenseClaim.objects.order_by("-pk").values_list("receipt_key", flat=True)[:1]
    )
    home = Site.objects.get(is_default_site=True).root_page
    pages = [str(home.pk)] + [str(p.pk) for p in home.get_children()[:1]]
    from django.utils.text import slugify

    by_segment = {}
    for model in _all_models():
        pk = _first_pk(model)
        if pk is None:
            continue
        for label in (model._meta.verbose_name_plural, model._meta.verbose_name):
            by_segment.setdefault(slugify(str(label)), pk)
        by_segment.setdefault(model._meta.model_name, pk)
    return {
        "by_segment": by_segment,
        "viewset_models": viewset_models,
        "uuid": uuids,
        "page": pages,
        "user": [str(User.objects.get(email="volunteer@example.org").pk)],
        "group": [str(Group.objects.order_by("pk").first().pk)],
        "site": [str(Site.objects.get(is_default_site=True).pk)],
        "settings": [(m._meta.app_label, m._meta.model_name) for m in settings_registry],
    }


def _all_models():
    from django.apps import apps

    return apps.get_models()


def urls_to_request(pools) -> list[str]:
    urls = set()
    for route, namespace in walk(get_resolver().url_patterns):
        if SKIP.match(route) or route.startswith("^"):
            continue  # regex routes (Wagtail's page serving) are covered by the live pages
        names = [m.group("name") for m in PARAM.finditer(route)]
        if not names:
            urls.add("/" + route)
            continue
        options = _options(route, namespace, names, pools)
        for values in options:
            url = route
            for value in values:
                url = PARAM.sub(lambda m, v=value: v, url, count=1)
            urls.add("/" + url)
    urls.update(page.url for page in Page.objects.live().specific() if page.url)
    return sorted(urls)


def PARAM_TEXT(route: str, name: str) -> str:  # noqa: N802
    """The text inside <...> for a parameter: "int:pk"."""
    for m in PARAM.finditer(route):
        if m.group("name") == name:
            return m.group(0)[1:-1]
    return name


def _options(route, namespace, names, pools) -> list[tuple[str, ...]]:
    """One or a few real combinations of values for a pattern's parameters."""
    if "app_label" in names or "app_name" in names:
        out = []
        for app_label, model_name in pools["settings"]:
            values = {"app_label": app_label, "app_name": app_label, "model_name": model_name}
            out.append(tuple(values.get(n, pools["site"][0]) for n in names))
        return out
    single = []
    for name in names:
        model = pools["viewset_models"].get(namespace.split(":")[-1])
        if route.startswith("admin/impact/directorates/"):
            # Participation by directorate: the demo champion's own, another, and councillors.
            single.append(["resources", "children", "councillors"])
            continue
        if f"<uuid:{name}>" in route:
            # The uuids of the app the route belongs to (grant-applications/ -> grants, ...).
            app = APP_OF_PREFIX.get(route.split("/")[0], "")
            candidates = pools["uuid"].get(app) or [v for vs in pools["uuid"].values() for v in vs]
        elif model is not None and name in ("pk", "object_id", "id"):
            pk = _first_pk(model)
            candidates = [pk] if pk else ["999999"]
        elif "page" in name or namespace.endswith("pages"):
            candidates = pools["page"]
        elif "user" in name or namespace.endswith("users"):
            candidates = pools["user"]
        elif "group" in name or namespace.endswith("groups"):
            candidates = pools["group"]
        elif "site" in name:
            candidates = pools["site"]
        else:
            # The segment before the id names its model: young-people/<int:pk>/, sessions/...
            before = route.split(f"<{PARAM_TEXT(route, name)}>")[0].rstrip("/").split("/")[-1]
            pk = pools["by_segment"].get(before)
            candidates = [pk] if pk else ["1"]
        single.append(candidates or ["1"])
    if len(single) == 1:
        return [(c,) for c in single[0]]
    return [tuple(c[0] for c in single)]


def identities() -> dict[str, Client]:
    clients = {ANONYMOUS: Client()}
    for email, *_ in demo.DEMO_ACCOUNTS:
        user = User.objects.get(email=email)
        if user.is_superuser or user.groups.filter(name__in=roles.ADMIN_ROLES).exists():
            TOTP.activate(user, generate_totp_secret())
        client = Client()
        client.force_login(user)
        clients[email] = client
    return clients


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return ""
    return response.content.decode(errors="replace")


@pytest.fixture
def used_demo(db, settings):
    settings.NOLIMITS_WORKER_STALE_SECONDS = 3600  # the walk takes longer than a heartbeat
    from nolimits.tasks import heartbeat

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    heartbeat()  # a worker is running, as in production
    for site in Site.objects.all():
        for model in settings_registry:
            row = model.for_site(site)
            row.full_clean()
            row.save()
    from impact.report.services import board_report_at_period_end

    board_report_at_period_end()  # a kept board report, so its download links are walked too
    return seed_private_records()


def check(urls, clients, secrets, seen=None) -> tuple[list[str], set[str]]:
    """Request every URL as every identity: the problems found, and the known 500s seen.
    `seen`, if given, collects each private string shown to someone allowed to see it."""
    problems = []
    still_broken = set()
    seen = set() if seen is None else seen
    for who, client in clients.items():
        for url in urls:
            try:
                response = client.get(url)
            except Exception as exc:  # the test client re-raises what became a 500
                known = _known_broken(url, exc)
                if known:
                    still_broken.add(known)
                else:
                    problems.append(f"{who} {url}: {type(exc).__name__}: {exc}"[:300])
                continue
            if response.status_code >= 500:
                problems.append(f"{who} {url}: {response.status_code}")
                continue
            body = _body(response)
            for secret, allowed in secrets.items():
                if who in allowed and secret in body:
                    seen.add(secret)
                if who not in allowed and secret in body:
                    problems.append(
                        f"{who} {url}: shows {secret}, meant only for {sorted(allowed)}"
                    )
    return problems, still_broken


def test_every_url_as_every_role_no_500_and_no_private_record_leaks(used_demo):
    urls = urls_to_request(value_pools())
    assert len(urls) > 300  # the resolver, the admin's viewsets and the live pages
    seen: set[str] = set()
    problems, still_broken = check(urls, identities(), used_demo, seen)
    assert not problems, "\n".join(problems[:60])
    # The walk reaches the screens that show each private record (else it proves nothing).
    assert set(used_demo) - seen == set(), "never shown to anyone allowed"
    fixed = set(KNOWN_BROKEN) - still_broken
    assert not fixed, f"These no longer fail: remove them from KNOWN_BROKEN: {sorted(fixed)}"


# What production settings change for a request (nolimits/settings/production.py itself, read
# with throwaway values): HTTPS behind the proxy, __Host- cookies, WhiteNoise, two-factor forced.
PRODUCTION_REQUEST_SETTINGS = [
    "DEBUG",
    "ALLOWED_HOSTS",
    "MIDDLEWARE",
    "NOLIMITS_ADMIN_MFA_REQUIRED",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_NAME",
]


@pytest.fixture
def production(settings, monkeypatch):
    """This test's settings as production's, for everything a request meets."""
    import importlib
    import secrets
    import sys

    for name, value in {
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "sqlite:////nonexistent/unused.sqlite3",
        "CACHE_URL": "dbcache://nolimits_cache",
        "STRIPE_SECRET_KEY": "sk_test_not_a_real_key",
        "STRIPE_WEBHOOK_SECRET": "whsec_not_a_real_secret",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("ADMIN_MFA_REQUIRED", raising=False)
    name = "nolimits.settings.production"
    module = importlib.reload(sys.modules[name]) if name in sys.modules else None
    module = module or importlib.import_module(name)
    for setting in PRODUCTION_REQUEST_SETTINGS:
        setattr(settings, setting, getattr(module, setting))
    assert settings.SECURE_SSL_REDIRECT and settings.NOLIMITS_ADMIN_MFA_REQUIRED
    return settings


def test_a_password_only_admin_role_opens_nothing_an_ordinary_person_cannot(used_demo, production):
    urls = urls_to_request(value_pools())

    def https_client(user):  # as nginx hands requests on: HTTPS terminated in front
        client = Client(headers={"X-Forwarded-Proto": "https"})
        client.force_login(user)
        return client

    ordinary = https_client(User.objects.get(email="donor@example.org"))
    urls = [url for url in urls if not url.startswith("/accounts/")]  # their own, and set-up
    ordinary_opens = {url for url in urls if ordinary.get(url).status_code == 200}
    assert {"/", "/search/", "/pledges/my-giving/"} <= ordinary_opens  # served, not redirected
    opened = []
    # Every admin role is refused the same way (no permission at all without the second
    # factor); the superuser, who holds every permission, and Finance stand for them all.
    for who in ["superuser", roles.FINANCE]:
        user = User.objects.create_user(
            email=f"no-2fa-{uuid.uuid4().hex[:6]}@example.org",
            password="x" * 12,
            full_name="No Second Factor",
            is_superuser=who == "superuser",
            is_staff=who == "superuser",
        )
        user.groups.set(Group.objects.filter(name=who))
        client = https_client(user)
        for url in urls:
            response = client.get(url)
            if response.status_code == 200 and url not in ordinary_opens:
                opened.append(f"{who}: {url}")
            shown = [secret for secret in used_demo if secret in _body(response)]
            if shown:  # a page everyone opens must not show them more either
                opened.append(f"{who}: {url} shows {shown}")
    assert not opened, "\n".join(opened[:40])


def test_the_walk_finds_a_leak_when_one_is_made(used_demo):
    """Break the rule on purpose: a volunteer's session note shown in every page's footer."""
    from nolimits.models import NavigationSettings
    from volunteers.models import VolunteerSession

    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.footer_text = VolunteerSession.objects.get(
        what_happened="ZQSESSION4417"
    ).what_happened
    navigation.save()
    donor = Client()
    donor.force_login(User.objects.get(email="donor@example.org"))
    problems, _ = check(["/", "/search/"], {"donor@example.org": donor}, used_demo)
    assert problems == [
        "donor@example.org /: shows ZQSESSION4417, meant only for "
        "['admin@example.org', 'coordinator@example.org', 'mentor@example.org', "
        "'volunteer@example.org']",
        "donor@example.org /search/: shows ZQSESSION4417, meant only for "
        "['admin@example.org', 'coordinator@example.org', 'mentor@example.org', "
        "'volunteer@example.org']",
    ]
