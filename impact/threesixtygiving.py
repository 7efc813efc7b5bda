"""Open grants data: the awarded grants in the 360Giving Data Standard (1.4), following its
guidance for grants to individuals.

What is published for each grant: a random identifier, a generic recipient ("Individual
Recipient") with a random identifier of its own, the fund holder as funder, the amount awarded
(and paid), the award date, the grant programme, the purpose from the standard's codelist, the
reason (care leavers are "Marginalised" in the standard's reason codelist) and where the young
people live no finer than the local authority. Never: a name, a date of birth, what the young
person wrote, the worker, our ids for an application or a person (they are in URLs), or a
finer place.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import timezone

from wagtail.models import Site

from grants.models import Application
from impact.codelists import codelist
from impact.models import OpenDataSettings, OpenGrantReference
from nolimits.models import SiteSettings

VERSION = "1.4"
RECIPIENT_NAME = "Individual Recipient"
# GTIR090 "Marginalised": "... care leavers, ...". Every No Limits grant goes to a young person
# in or leaving care.
PRIMARY_REASON = "GTIR090"
UNRESTRICTED = "GTIP010"
AWARDED = [
    Application.Status.APPROVED,
    Application.Status.PART_APPROVED,
    Application.Status.PAID,
    Application.Status.CLOSED,
]
# The flattened column titles of the standard's spreadsheet form, in the order written.
COLUMNS = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Amount Disbursed",
    "Award Date",
    "Recipient Ind:Identifier",
    "Recipient Ind:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Code",
    "Grant Programme:Title",
    "Beneficiary Location:Name",
    "Beneficiary Location:Country Code",
    "Beneficiary Location:Geographic Code",
    "Beneficiary Location:Geographic Code Type",
    "Location Scope",
    "To Individuals Details:Primary Grant Reason",
    "To Individuals Details:Grant Purpose",
    "Last Modified",
]


class NotReady(Exception):
    """The settings the standard needs are missing; the message says what to fill in."""


@dataclass(frozen=True)
class Publisher:
    prefix: str
    funder_id: str
    funder_name: str
    location: dict
    purposes: dict[int, str]


def publisher(site: Site | None = None) -> Publisher:
    site = site or Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    found = OpenDataSettings.for_site(site)
    holder = SiteSettings.for_site(site)
    missing = []
    if not found.publisher_prefix:
        missing.append("the 360Giving prefix")
    funder_id = found.funder_identifier or _charity_org_id(holder.fund_holder_charity_number)
    if not funder_id:
        missing.append("the fund holder's charity number or organisation identifier")
    if not found.local_authority_name:
        missing.append("the local authority's name")
    if missing:
        raise NotReady(
            "Fill in " + ", ".join(missing) + " in Settings → Open grants data (and Site "
            "settings for the fund holder) before exporting."
        )
    location = {"name": found.local_authority_name, "countryCode": "GB"}
    if found.local_authority_code:
        location |= {
            "geoCode": found.local_authority_code,
            "geoCodeType": found.local_authority_type,
        }
    purposes = {p.category_id: p.purpose for p in found.purposes.all()}
    return Publisher(found.publisher_prefix, funder_id, holder.fund_holder_name, location, purposes)


def _charity_org_id(number: str) -> str:
    """org-id.guide identifiers from a registered charity number (the three UK registers)."""
    number = (number or "").strip().upper().replace(" ", "")
    if not number:
        return ""
    if number.startswith("SC"):
        return f"GB-SC-{number}"
    if number.startswith("NIC"):
        return f"GB-NIC-{number[3:]}"
    return f"GB-CHC-{number}"


def awarded(start: dt.date, end: dt.date):
    """Grants awarded from start to end inclusive (by the day the panel decided, UK time)."""
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return (
        Application.objects.filter(
            status__in=AWARDED,
            decided_amount_pence__gt=0,
            decided_at__gte=since,
            decided_at__lt=until,
        )
        .select_related("category", "round", "payment", "open_data_reference")
        .order_by("decided_at", "pk")
    )


def _new_reference() -> str:
    return secrets.token_hex(6).upper()


@transaction.atomic
def references_for(applications: list[Application]) -> dict[int, OpenGrantReference]:
    """The stored references, made once for grants published for the first time."""
    found = {a.pk: ref for a in applications if (ref := _related(a, "open_data_reference"))}
    new = [a for a in applications if a.pk not in found]
    by_applicant = dict(
        OpenGrantReference.objects.filter(
            application__applicant_id__in={a.applicant_id for a in new if a.applicant_id}
        ).values_list("application__applicant_id", "recipient_reference")
    )
    for application in new:
        recipient = by_applicant.get(application.applicant_id) or _new_reference()
        if application.applicant_id:
            by_applicant[application.applicant_id] = recipient
        found[application.pk] = OpenGrantReference.objects.create(
            application=application,
            grant_reference=_new_reference(),
            recipient_reference=recipient,
        )
    return found


def _related(application: Application, name: str):
    """A reverse one-to-one that may not exist yet (no reference made, no payment recorded)."""
    try:
        return getattr(application, name)
    except ObjectDoesNotExist:
        return None


def _amount(pence: int) -> int | float:
    return pence // 100 if pence % 100 == 0 else round(pence / 100, 2)


def grant(application: Application, ref: OpenGrantReference, who: Publisher) -> dict:
    purpose = who.purposes.get(application.category_id, UNRESTRICTED)
    category = application.category.name if application.category else ""
    programme_title = "No Limits grants for care-experienced young people"
    programme_code = f"{who.prefix}-nolimits"
    if application.round_id:
        programme_title = f"{programme_title}: {application.round.name}"
        programme_code = f"{programme_code}-round-{application.round_id}"
    record = {
        "id": f"{who.prefix}-{ref.grant_reference}",
        "title": f"{category or 'A'} grant to a care-experienced young person",
        "description": (
            f"A No Limits grant for {(category or 'support').lower()} "
            f"({codelist('grantToIndividualsPurpose')[purpose].lower()}) to a young person "
            "in or leaving care."
        ),
        "currency": "GBP",
        "amountAwarded": _amount(application.decided_amount_pence),
        "awardDate": timezone.localdate(application.decided_at).isoformat(),
        "recipientIndividual": {
            "id": f"{who.prefix}-IND-{ref.recipient_reference}",
            "name": RECIPIENT_NAME,
        },
        "fundingOrganization": [{"id": who.funder_id, "name": who.funder_name}],
        "grantProgramme": [{"code": programme_code, "title": programme_title}],
        "beneficiaryLocation": [dict(who.location)],
        "locationScope": "GLS050",
        "toIndividualsDetails": {"primaryGrantReason": PRIMARY_REASON, "grantPurpose": [purpose]},
        "dateModified": timezone.localtime(application.decided_at).isoformat(timespec="seconds"),
    }
    payment = _related(application, "payment")
    if payment is not None:
        record["amountDisbursed"] = _amount(payment.amount_pence)
    return record


def package(start: dt.date, end: dt.date, *, site: Site | None = None) -> dict:
    """The 360Giving data package for grants awarded in the period."""
    who = publisher(site)
    applications = list(awarded(start, end))
    refs = references_for(applications)
    return {
        "version": VERSION,
        "title": f"{who.funder_name}: No Limits grants awarded {start:%-d %B %Y} to {end:%-d %B %Y}",
        "grants": [grant(a, refs[a.pk], who) for a in applications],
    }


def row(record: dict) -> list:
    location = record["beneficiaryLocation"][0]
    details = record["toIndividualsDetails"]
    return [
        record["id"],
        record["title"],
        record["description"],
        record["currency"],
        record["amountAwarded"],
        record.get("amountDisbursed"),
        record["awardDate"],
        record["recipientIndividual"]["id"],
        record["recipientIndividual"]["name"],
        record["fundingOrganization"][0]["id"],
        record["fundingOrganization"][0]["name"],
        record["grantProgramme"][0]["code"],
        record["grantProgramme"][0]["title"],
        location["name"],
        location["countryCode"],
        location.get("geoCode"),
        location.get("geoCodeType"),
        record["locationScope"],
        details["primaryGrantReason"],
        ";".join(details["grantPurpose"]),
        record["dateModified"],
    ]


def write(data: dict, path: Path) -> None:
    """JSON for a .json path, the standard's spreadsheet form for .xlsx."""
    if path.suffix == ".json":
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "grants"
    sheet.append(COLUMNS)
    for record in data["grants"]:
        sheet.append(row(record))
    book.save(path)
