"""An application's history, worded for the person reading it.

History entries are structured events (grants.models.ApplicationStatusChange): who is a user or
the endorsement, what is an event code. Each line is written here from those parts for one of
four readers, so the rules hold in the history as they do on the page:

- the applicant (and a worker who started it with them): plain words, "you" and "your worker";
- a young panellist: the applicant's first name only, never a contact detail or anyone's name;
- a panellist who is not allowed identities: names of the panel, no contact details;
- staff allowed to see identities: names and the worker's email, as on the application page.
"""

from dataclasses import dataclass
from enum import StrEnum

from grants.models import Application, ApplicationStatusChange
from grants.permissions import can_see_identity
from nolimits.money import pounds

Event = ApplicationStatusChange.Event
METHODS = {
    "bank_transfer": "bank transfer",
    "purchase_card": "council purchase card",
    "voucher": "voucher",
    "supplier": "payment to a supplier",
}


class Viewer(StrEnum):
    APPLICANT = "applicant"
    YOUNG_PANELLIST = "young_panellist"
    PANELLIST = "panellist"
    STAFF = "staff"


@dataclass(frozen=True)
class Line:
    at: object
    text: str


def viewer_for(user, application: Application) -> Viewer:
    if application.can_edit(user):
        return Viewer.APPLICANT
    if getattr(user, "kind", "") == "young_person":
        return Viewer.YOUNG_PANELLIST
    if can_see_identity(user):
        return Viewer.STAFF
    return Viewer.PANELLIST


def _worker(entry: ApplicationStatusChange, viewer: Viewer) -> str:
    endorsement = entry.endorsement
    name = endorsement.worker_name if endorsement else ""
    if viewer == Viewer.APPLICANT:
        first = name.split(" ")[0] if name else ""
        return f"{first}, your worker" if first else "your worker"
    if viewer == Viewer.YOUNG_PANELLIST:
        return "their worker"
    if viewer == Viewer.PANELLIST:
        return f"their worker, {name}" if name else "their worker"
    if endorsement is None:
        return "their worker"
    return f"their worker, {name} ({endorsement.sent_to})" if name else endorsement.sent_to


def _person(entry: ApplicationStatusChange, viewer: Viewer, application: Application) -> str:
    """Who did it, for this reader."""
    user = entry.by
    if user is None:
        return "We" if viewer == Viewer.APPLICANT else "No Limits"
    if user.pk == application.applicant_id:
        return "You" if viewer == Viewer.APPLICANT else application.first_name
    if user.pk == application.started_by_id:
        if viewer == Viewer.APPLICANT:
            return "The worker who started it with you"
        return "The worker who started it" if viewer != Viewer.STAFF else user.get_full_name()
    if viewer == Viewer.APPLICANT:
        return "The panel"
    if viewer == Viewer.YOUNG_PANELLIST:
        return "A panel member"
    return user.get_full_name() or "A panel member"


def _text(entry: ApplicationStatusChange, viewer: Viewer, application: Application) -> str:
    who = _person(entry, viewer, application)
    applicant = viewer == Viewer.APPLICANT
    data = entry.data or {}
    match entry.event:
        case Event.SENT:
            return f"{who} sent the application." if not applicant else "You sent your application."
        case Event.ENDORSEMENT_ASKED:
            worker = _worker(entry, viewer)
            if applicant:
                comma = "," if "," in worker else ""
                return f"We asked {worker}{comma} to support your application."
            return f"We asked {worker} to support the application."
        case Event.ENDORSED | Event.NOT_ENDORSED:
            worker = _worker(entry, viewer)
            worker = worker[0].upper() + worker[1:]
            verb = "supported" if entry.event == Event.ENDORSED else "did not support"
            if applicant:
                comma = "," if "," in worker else ""
                return f"{worker}{comma} {verb} your application."
            return f"{worker} {verb} the application."
        case Event.REVIEW_STARTED:
            return (
                "The panel started looking at your application."
                if applicant
                else f"{who} started the panel's review."
            )
        case Event.DECIDED:
            outcome = {
                Application.Status.APPROVED: "said yes",
                Application.Status.PART_APPROVED: "said yes to part of it",
                Application.Status.DECLINED: "said no this time",
            }.get(entry.to_status, "decided")
            amount = data.get("amount_pence")
            given = f" ({pounds(amount)})" if amount else ""
            if applicant:
                return f"The panel {outcome}{given}."
            return f"{who} recorded the decision: {outcome}{given}."
        case Event.MORE_INFO_ASKED:
            question = data.get("question", "")
            if applicant:
                return "The panel asked for more information" + (
                    f": “{question}”" if question else "."
                )
            if viewer == Viewer.STAFF and question:
                return f"{who} asked the applicant for more information: “{question}”"
            return f"{who} asked the applicant for more information."
        case Event.SENT_AGAIN:
            if applicant:
                return "You sent your application again, with more information, to the panel."
            return f"{who} sent the application again with more information."
        case Event.PAID:
            method = METHODS.get(data.get("method", ""), "")
            how = f" by {method}" if method else ""
            return f"The money was paid{how}."
        case Event.WITHDRAWN:
            return "You stopped your application." if applicant else f"{who} withdrew it."
        case Event.CLOSED:
            return "The application was closed."
    status = Application.Status(entry.to_status).label
    return (
        f"The application moved to “{status}”."
        if not applicant
        else (f"Your application is now: {application.PLAIN[entry.to_status][0]}.")
    )


def history_for(application: Application, viewer: Viewer) -> list[Line]:
    entries = application.status_changes.select_related("by", "endorsement")
    return [Line(entry.at, _text(entry, viewer, application)) for entry in entries]
