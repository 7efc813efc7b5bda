"""A copy of everything about one person, as one ZIP: `index.html` (readable, one section per
kind of record), `data.json` (the same, machine-readable) and their files in folders.

Two ways to get one, both logged as an AccessExport:
- subject access: a programme lead finds the person and downloads the ZIP at once;
- download my data: the person asks on their account page; the ZIP is built in the background and
  an email sends a signed link that opens it for them alone, for DATAPROTECTION_LINK_DAYS days.
"""

from __future__ import annotations

import datetime as dt
import decimal
import io
import json
import posixpath
import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from dataprotection import permissions
from dataprotection.models import AccessExport
from dataprotection.registry import Source, Subject, sources_for
from nolimits import links
from nolimits.mail import send_email

LINK_SALT = "dataprotection.own-copy"
EXPIRED = "This link has expired. Ask for a new copy of your data from your account page."


def _plain(value):
    """A value as JSON can hold it."""
    if isinstance(value, dt.datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dict | list | str | int | float | bool) or value is None:
        return value
    return str(value)


def _row(source: Source, row: models.Model, files: list) -> dict:
    out = {}
    for f in source.shown_fields():
        label = str(f.verbose_name)
        if isinstance(f, models.FileField):
            stored = getattr(row, f.attname)
            if stored:
                extension = posixpath.splitext(stored.name)[1]
                path = f"files/{row._meta.model_name}/{row.pk}-{f.name}{extension}"
                files.append((path, stored))
                out[label] = path
            else:
                out[label] = ""
        elif f.choices:
            out[label] = getattr(row, f"get_{f.name}_display")()
        else:
            out[label] = _plain(getattr(row, f.attname))
    for label, value in source.extra.items():
        out[label] = _plain(value(row))
    return out


def collect(subject: Subject) -> tuple[dict, list]:
    """Everything about the subject: the JSON document, and the files (zip path, stored file)."""
    files: list = []
    sections = []
    withheld = {}
    for source, rows in sources_for(subject):
        found = [_row(source, row, files) for row in rows]
        if found:
            sections.append(
                {"heading": source.heading, "kind": source.model._meta.label, "rows": found}
            )
            for name, why in source.withheld.items():
                withheld[f"{source.heading}: {name.replace('_', ' ')}"] = why
    document = {
        "about": subject.label,
        "made_at": _plain(timezone.now()),
        "sections": sections,
        "withheld": withheld,
    }
    return document, files


def _readable(sections: list[dict]) -> list[dict]:
    """The sections for index.html: each value as words, a file as a link to it."""

    def words(value) -> tuple[str, bool]:
        if value is None or value == "":
            return "–", False
        if value is True or value is False:
            return ("Yes" if value else "No"), False
        if isinstance(value, dict | list):
            return json.dumps(value, indent=2, ensure_ascii=False), False
        text = str(value)
        return text, text.startswith("files/")

    return [
        {
            "heading": section["heading"],
            "rows": [[(label, *words(v)) for label, v in row.items()] for row in section["rows"]],
        }
        for section in sections
    ]


def build_zip(subject: Subject) -> tuple[bytes, int]:
    """The ZIP and how many records it holds."""
    document, files = collect(subject)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(document, indent=2, ensure_ascii=False))
        archive.writestr(
            "index.html",
            render_to_string(
                "dataprotection/export_index.html",
                {"document": document, "sections": _readable(document["sections"])},
            ),
        )
        for path, stored in files:
            try:
                with stored.storage.open(stored.name, "rb") as handle:
                    archive.writestr(path, handle.read())
            except FileNotFoundError:
                archive.writestr(path + ".missing.txt", "This file was no longer in storage.")
    count = sum(len(section["rows"]) for section in document["sections"])
    return buffer.getvalue(), count


def subject_of(export: AccessExport) -> Subject:
    return Subject(user=export.subject_user, referral=export.subject_referral)


@transaction.atomic
def subject_access_export(*, by, subject: Subject) -> tuple[AccessExport, bytes]:
    """A programme lead's copy of everything about a person, logged (who, whom, when)."""
    allowed, reason = permissions.can_export(by)
    if not allowed:
        raise PermissionDenied(reason)
    content, count = build_zip(subject)
    export = AccessExport(
        kind=AccessExport.Kind.SUBJECT_ACCESS,
        requested_by=by,
        subject_user=subject.user,
        subject_referral=subject.referral,
        subject_label=subject.label[:200],
        built_at=timezone.now(),
        item_count=count,
    )
    export.full_clean()
    export.save()
    return export, content


@transaction.atomic
def own_copy_request(*, user) -> AccessExport:
    """The person asks for their own copy: built in the background, then emailed as a link."""
    allowed, reason = permissions.can_ask_for_own_copy(user)
    if not allowed:
        raise PermissionDenied(reason)
    export = AccessExport(
        kind=AccessExport.Kind.OWN_COPY,
        requested_by=user,
        subject_user=user,
        subject_label=Subject(user=user).label[:200],
    )
    export.full_clean()
    export.save()
    transaction.on_commit(lambda: _enqueue_build(export.pk))
    return export


def _enqueue_build(export_id: int) -> None:
    from django_q.tasks import async_task

    async_task("dataprotection.tasks.build_own_copy", export_id, task_name=f"own-copy-{export_id}")


def link_for(export: AccessExport) -> str:
    return links.signed_url("dataprotection_own_copy", salt=LINK_SALT, value=str(export.token))


@transaction.atomic
def own_copy_build(*, export_id: int) -> AccessExport | None:
    """Build a person's own copy, keep it in private storage and email them the link."""
    export = (
        AccessExport.objects.select_for_update()
        .filter(pk=export_id, kind=AccessExport.Kind.OWN_COPY, built_at__isnull=True)
        .first()
    )
    if export is None or export.subject_user is None:
        return None  # built already (a task delivered twice) or nobody to send it to
    content, count = build_zip(subject_of(export))
    export.file.save(f"{export.token}.zip", ContentFile(content), save=False)
    export.built_at = timezone.now()
    export.item_count = count
    export.save(update_fields=["file", "built_at", "item_count"])
    days = settings.DATAPROTECTION_LINK_DAYS
    url = link_for(export)
    email = export.subject_user.email
    transaction.on_commit(
        lambda: send_email(
            email,
            "Your data is ready to download",
            "You asked for a copy of the information No Limits holds about you.\n\n"
            f"Download it here (sign in first; the link works for {days} days, for you only):\n"
            f"{url}\n\n"
            "The download is a ZIP file: open index.html to read it; data.json holds the same for "
            "computers; your files (receipts, proof of spending) are in the files folder.\n\n"
            "If you did not ask for this, tell us: reply to this email.",
        )
    )
    return export


def expired_copies_delete() -> int:
    """A person's own copy leaves storage once its link has expired (the log row stays)."""
    cutoff = timezone.now() - dt.timedelta(days=settings.DATAPROTECTION_LINK_DAYS)
    old = AccessExport.objects.filter(kind=AccessExport.Kind.OWN_COPY, built_at__lt=cutoff).exclude(
        file=""
    )
    count = 0
    for export in old:
        export.file.delete(save=False)
        AccessExport.objects.filter(pk=export.pk).update(file="")
        count += 1
    return count


def own_copy_open(*, token: str, user) -> AccessExport:
    """The copy behind a link, for its owner only. LinkProblem if the link is wrong or old."""
    value = links.unsign(
        token, salt=LINK_SALT, max_age_days=settings.DATAPROTECTION_LINK_DAYS, expired=EXPIRED
    )
    export = (
        AccessExport.objects.filter(token=value, kind=AccessExport.Kind.OWN_COPY)
        .exclude(file="")
        .first()
    )
    if export is None:
        raise links.LinkProblem(links.NOT_RIGHT)
    allowed, reason = permissions.can_open_own_copy(user, export)
    if not allowed:
        raise PermissionDenied(reason)
    return export
