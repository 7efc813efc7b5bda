"""Open grants data (`manage.py export_360giving`), checked against the 360Giving Data Standard's
own published schema and codelists (tests/impact/threesixtygiving/, impact/codelists/), and
against everything a young person told us: none of it may reach the file."""

import datetime as dt
import json
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Site

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from jsonschema import Draft202012Validator, FormatChecker
from openpyxl import load_workbook
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from grants import services
from grants.models import Application
from impact.codelists import codelist
from impact.models import CategoryPurpose, OpenDataSettings, OpenGrantReference
from impact.threesixtygiving import COLUMNS
from nolimits import roles
from nolimits.models import SiteSettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STANDARD = Path(__file__).parent / "threesixtygiving"
GRANT_SCHEMA = json.loads((STANDARD / "360-giving-schema.json").read_text())
PACKAGE_SCHEMA = json.loads((STANDARD / "360-giving-package-schema.json").read_text())
TODAY = timezone.localdate()


def validator() -> Draft202012Validator:
    """The package schema, with its reference to the grant schema answered by the copy here.
    (The standard names its dialect http://json-schema.org/draft/2020-12/schema, which is 2020-12.)
    Formats are checked (rfc3339-validator for date-time), as the standard's own data quality
    tool does: its dates are "one of" a date-time or a plain date, so an unchecked date-time
    format would make every plain date match both."""
    grant = DRAFT202012.create_resource(GRANT_SCHEMA)
    registry = Registry().with_resources(
        [
            (GRANT_SCHEMA["$id"], grant),
            (PACKAGE_SCHEMA["properties"]["grants"]["items"]["$ref"], grant),
        ]
    )
    return Draft202012Validator(PACKAGE_SCHEMA, registry=registry, format_checker=FormatChecker())


def spreadsheet_titles() -> set[str]:
    """Every column title of the standard's flattened spreadsheet form, from the schema."""
    defs = GRANT_SCHEMA["$defs"]

    def resolve(node):
        if "$ref" in node:
            return defs[node["$ref"].rsplit("/", 1)[-1]]
        return resolve(node["items"]) if node.get("type") == "array" and "items" in node else node

    titles = set()
    for key, node in GRANT_SCHEMA["properties"].items():
        title = node.get("title") or resolve(node).get("title") or key.capitalize()
        inner = resolve(node)
        if "properties" in inner:
            titles |= {f"{title}:{c.get('title')}" for c in inner["properties"].values()}
        else:
            titles.add(title)
    return titles


@pytest.fixture
def publisher(db):
    site = Site.objects.get(is_default_site=True)
    holder = SiteSettings.for_site(site)
    holder.fund_holder_name, holder.fund_holder_charity_number = "Thamesbrook CF", "1234567"
    holder.save()
    found = OpenDataSettings.for_site(site)
    found.publisher_prefix = "360G-thamesbrookcf"
    found.local_authority_name = "Thamesbrook"
    found.local_authority_code, found.local_authority_type = "E06000036", "UA"
    found.save()
    return found


@pytest.fixture
def finance(db):
    return UserFactory(roles=[roles.FINANCE])


def decide(application, chair, amount_pence, *, outcome="approve"):
    services.application_decide(
        application=application,
        by=chair,
        outcome=outcome,
        amount_pence=amount_pence,
        message="The panel's message to Zebedee Quartermaine.",
    )
    application.refresh_from_db()
    return application


def another(application, applicant=None, **fields):
    """A second application with the panel, by the same young person unless told otherwise."""
    return Application.objects.create(
        applicant=applicant or application.applicant,
        status="in_review",
        category=application.category,
        what_for="A second thing",
        amount_pence=10_000,
        submitted_at=timezone.now(),
        **fields,
    )


def export(tmp_path, name="grants.json", start=None, end=None) -> Path:
    path = tmp_path / name
    start = start or TODAY - dt.timedelta(days=30)
    end = end or TODAY
    call_command("export_360giving", start=start.isoformat(), end=end.isoformat(), output=path)
    return path


def test_the_json_is_valid_360giving_with_the_standards_identifiers_and_codes(
    application, chair, fund, finance, publisher, tmp_path
):
    decide(application, chair, 25_050)
    services.payment_record(
        application=application,
        by=finance,
        amount_pence=25_050,
        paid_on=TODAY,
        method="bank_transfer",
        reference="BACS-1",
    )
    data = json.loads(export(tmp_path).read_text())

    assert FormatChecker().conforms("2026-12-01", "date-time") is False  # formats are checked
    errors = sorted(validator().iter_errors(data), key=lambda e: list(e.path))
    assert errors == [], [e.message for e in errors]
    [grant] = data["grants"]
    # Identifiers: the registered 360G prefix for the grant and the individual, org-id for the funder.
    assert re.fullmatch(r"360G-thamesbrookcf-[0-9A-F]{12}", grant["id"])
    assert re.fullmatch(r"360G-thamesbrookcf-IND-[0-9A-F]{12}", grant["recipientIndividual"]["id"])
    assert grant["fundingOrganization"] == [{"id": "GB-CHC-1234567", "name": "Thamesbrook CF"}]
    assert "recipientOrganization" not in grant  # either an organisation or an individual
    # Codes come from the standard's codelists; care leavers are "Marginalised" in its reasons.
    details = grant["toIndividualsDetails"]
    assert details["primaryGrantReason"] == "GTIR090"
    assert set(details["grantPurpose"]) <= set(codelist("grantToIndividualsPurpose"))
    assert grant["locationScope"] in codelist("locationScope")
    [place] = grant["beneficiaryLocation"]
    assert place == {
        "name": "Thamesbrook",
        "countryCode": "GB",
        "geoCode": "E06000036",
        "geoCodeType": "UA",
    }
    assert place["geoCodeType"] in codelist("geoCodeType")
    assert (grant["currency"], grant["amountAwarded"], grant["amountDisbursed"]) == (
        "GBP",
        250.5,
        250.5,
    )
    assert grant["awardDate"] == TODAY.isoformat()


def test_a_category_is_published_with_the_purpose_an_editor_chose(
    application, chair, fund, publisher, tmp_path
):
    CategoryPurpose.objects.create(
        settings=publisher, category=application.category, purpose="GTIP100"
    )
    decide(application, chair, 30_000)
    [grant] = json.loads(export(tmp_path).read_text())["grants"]
    assert grant["toIndividualsDetails"]["grantPurpose"] == ["GTIP100"]
    assert "travel and transport" in grant["description"]


def test_nothing_that_identifies_a_young_person_reaches_either_file(
    application, chair, fund, publisher, tmp_path
):
    young = application.applicant
    young.full_name, young.email = "Zebedee Quartermaine", "zebedee.q@example.org"
    young.save()
    Application.objects.filter(pk=application.pk).update(
        what_for="Lessons with Instructor Wolfram Brackenbury",
        how_it_helps="My foster carer Ottoline Fairweather says",
        quotes_and_links="https://example.org/quote-for-zebedee",
        worker_name="Worker Peregrine Ashdown",
        worker_email="peregrine.ashdown@example.org",
        date_of_birth=dt.date(2007, 2, 19),
        started_for_name="Zeb Q",
    )
    application.refresh_from_db()
    decide(application, chair, 30_000)
    text = export(tmp_path).read_text()
    book = load_workbook(export(tmp_path, "grants.xlsx"))
    cells = " ".join(str(c) for r in book["grants"].iter_rows(values_only=True) for c in r)

    personal = [
        "Zebedee",
        "Quartermaine",
        "zebedee.q@",
        "Wolfram",
        "Brackenbury",
        "Ottoline",
        "Peregrine",
        "Ashdown",
        "quote-for-zebedee",
        "2007-02-19",
        "Zeb Q",
        str(application.uuid),
        str(application.uuid).upper()[:8],
    ]
    for value in personal:
        assert value not in text, value
        assert value not in cells, value
    [grant] = json.loads(text)["grants"]
    assert grant["recipientIndividual"]["name"] == "Individual Recipient"
    # Our own ids (in URLs, so credentials) are not the published ones.
    assert not grant["id"].endswith(f"-{application.pk}")


def test_identifiers_are_stable_and_a_young_persons_grants_share_one_recipient(
    application, chair, fund, publisher, tmp_path
):
    first = decide(application, chair, 30_000)
    first_export = json.loads(export(tmp_path).read_text())["grants"]
    second = decide(another(first), chair, 10_000)
    other_young = UserFactory(kind="young_person", directorate="")
    third = decide(another(first, applicant=other_young), chair, 10_000)
    grants = {g["id"]: g for g in json.loads(export(tmp_path).read_text())["grants"]}

    assert first_export[0] in grants.values()  # published again, unchanged
    refs = {a.pk: OpenGrantReference.objects.get(application=a) for a in (first, second, third)}
    assert len({r.grant_reference for r in refs.values()}) == 3
    assert refs[first.pk].recipient_reference == refs[second.pk].recipient_reference
    assert refs[third.pk].recipient_reference != refs[first.pk].recipient_reference


def test_only_grants_awarded_in_the_period_are_published(
    application, chair, fund, publisher, tmp_path
):
    awarded = decide(application, chair, 30_000)
    decide(another(awarded), chair, None, outcome="decline")
    decide(another(awarded), chair, None, outcome="more_info")
    old = decide(another(awarded), chair, 10_000)
    Application.objects.filter(pk=old.pk).update(decided_at=timezone.now() - dt.timedelta(days=400))
    grants = json.loads(export(tmp_path).read_text())["grants"]
    assert [g["amountAwarded"] for g in grants] == [300]
    last_year = json.loads(
        export(
            tmp_path,
            "old.json",
            start=TODAY - dt.timedelta(days=401),
            end=TODAY - dt.timedelta(days=399),
        ).read_text()
    )["grants"]
    assert [g["amountAwarded"] for g in last_year] == [100]


def test_the_spreadsheet_uses_the_standards_column_titles(
    application, chair, fund, publisher, tmp_path
):
    decide(application, chair, 30_000)
    data = json.loads(export(tmp_path).read_text())
    sheet = load_workbook(export(tmp_path, "grants.xlsx"))["grants"]
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert list(header) == COLUMNS
    assert set(COLUMNS) <= spreadsheet_titles()
    [row] = rows
    record = dict(zip(header, row, strict=True))
    grant = data["grants"][0]
    assert record["Identifier"] == grant["id"]
    assert record["Recipient Ind:Identifier"] == grant["recipientIndividual"]["id"]
    assert record["Amount Awarded"] == 300
    assert record["To Individuals Details:Grant Purpose"] == "GTIP010"


@pytest.mark.parametrize(
    ("start", "end", "output", "message"),
    [
        ("2026-13-01", "2026-12-31", "x.json", "is not a date"),
        ("2026-04-06", "2026-04-05", "x.json", "end date is before the start date"),
        ("2026-04-06", "2027-04-05", "x.csv", "Name the output file .json"),
        ("2026-04-06", "2027-04-05", "missing/x.json", "There is no folder"),
    ],
)
def test_bad_arguments_are_refused_in_plain_words(publisher, tmp_path, start, end, output, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_360giving", start=start, end=end, output=tmp_path / output)


def test_without_a_prefix_the_export_says_what_to_fill_in(application, chair, fund, tmp_path):
    decide(application, chair, 30_000)
    with pytest.raises(CommandError, match="360Giving prefix"):
        export(tmp_path)
    assert not (tmp_path / "grants.json").exists()


def test_with_no_grants_in_the_period_no_file_is_written(publisher, tmp_path, capsys):
    export(tmp_path)
    assert "No grants were awarded" in capsys.readouterr().out
    assert not (tmp_path / "grants.json").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("publisher_prefix", "GB-123", "360G- then letters"),
        ("funder_identifier", "1234567", "like GB-CHC-1234567"),
        ("local_authority_code", "E0600003", "E, N, S or W then 8 digits"),
    ],
)
def test_the_settings_refuse_what_the_standard_would_not_accept(db, field, value, message):
    found = OpenDataSettings(site=Site.objects.get(is_default_site=True), **{field: value})
    with pytest.raises(ValidationError, match=message):
        found.full_clean()


@pytest.mark.parametrize(
    ("number", "expected"),
    [("1234567", "GB-CHC-1234567"), ("SC012345", "GB-SC-SC012345"), ("NIC100001", "GB-NIC-100001")],
)
def test_the_funder_is_identified_from_its_charity_register(
    application, chair, fund, publisher, tmp_path, number, expected
):
    holder = SiteSettings.for_site(publisher.site)
    holder.fund_holder_charity_number = number
    holder.save()
    decide(application, chair, 30_000)
    [grant] = json.loads(export(tmp_path).read_text())["grants"]
    assert grant["fundingOrganization"][0]["id"] == expected


def test_the_demo_is_ready_to_publish(tmp_path):
    call_command("load_demo")
    found = OpenDataSettings.for_site(Site.objects.get(is_default_site=True))
    assert found.publisher_prefix.startswith("360G-")
    assert found.purposes.count() == 6
    call_command("load_demo")  # idempotent
    assert found.purposes.count() == 6


def test_an_editor_fills_in_open_grants_data_in_the_admin(client, application):
    editor = UserFactory(roles=[roles.EDITORS])
    TOTP.activate(editor, generate_totp_secret())
    client.force_login(editor)
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["impact", "opendatasettings", site.pk])
    assert client.get(url).status_code == 200
    form = {
        "publisher_prefix": "thamesbrook",
        "funder_identifier": "",
        "local_authority_name": "Thamesbrook",
        "local_authority_code": "",
        "local_authority_type": "",
        "purposes-TOTAL_FORMS": "1",
        "purposes-INITIAL_FORMS": "0",
        "purposes-MIN_NUM_FORMS": "0",
        "purposes-MAX_NUM_FORMS": "1000",
        "purposes-0-category": str(application.category_id),
        "purposes-0-purpose": "GTIP100",
        "purposes-0-id": "",
        "purposes-0-DELETE": "",
    }
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "360G- then letters" in refused.content.decode()
    assert 'value="thamesbrook"' in refused.content.decode()  # what was typed is kept
    assert not OpenDataSettings.objects.filter(publisher_prefix="thamesbrook").exists()

    saved = client.post(url, form | {"publisher_prefix": "360G-thamesbrookcf"})
    assert saved.status_code == 302, saved.content.decode()[:3000]
    found = OpenDataSettings.for_site(site)
    assert found.publisher_prefix == "360G-thamesbrookcf"
    assert [(p.category_id, p.purpose) for p in found.purposes.all()] == [
        (application.category_id, "GTIP100")
    ]
