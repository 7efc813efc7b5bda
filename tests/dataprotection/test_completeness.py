"""Every personal field of every model reaches the export; a model nobody registered fails."""

import json

from django.apps import apps
from django.db import models

import pytest

from dataprotection import access
from dataprotection.registry import NOT_PERSONAL, OUR_APPS, SOURCES, Subject
from matching.models import YoungPerson
from tests.dataprotection.people import everything_about, stamp, unzip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PERSONAL_TYPES = (models.CharField, models.TextField, models.FileField, models.JSONField)


def personal_fields(model) -> set[str]:
    return {
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, PERSONAL_TYPES) and not f.choices
    }


def test_every_model_of_our_apps_with_text_or_files_is_in_the_registry_or_said_not_personal():
    covered: dict[type, set[str]] = {}
    for source in SOURCES:
        names = {f.name for f in source.shown_fields()} | set(source.withheld)
        covered.setdefault(source.model, set()).update(names)
    missing = []
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS or not personal_fields(model):
            continue
        if model._meta.label in NOT_PERSONAL:
            continue
        not_covered = personal_fields(model) - covered.get(model, set())
        if not_covered:
            missing.append(f"{model._meta.label}: {sorted(not_covered)}")
    assert not missing, (
        "Add these to dataprotection/registry/ (a Source, or NOT_PERSONAL with the reason): "
        + "; ".join(missing)
    )


def test_not_personal_names_only_real_models():
    for label in NOT_PERSONAL:
        assert apps.get_model(label) is not None


def test_a_distinctive_value_in_every_personal_field_appears_in_the_export(staff):
    person = UserFactory(email="zzq-person@example.org")
    everything_about(person, staff=staff)
    referral = YoungPerson.objects.get(first_name="Pat")
    counter = [0]
    for subject in (Subject(user=person), Subject(referral=referral)):
        values = stamp(subject, counter)
        content, count = access.build_zip(subject)
        files = unzip(content)
        data = files["data.json"].decode()
        html = files["index.html"].decode()
        document = json.loads(data)
        found_kinds = {s["kind"] + ":" + s["heading"] for s in document["sections"]}
        for source in SOURCES:
            rows = source.find(subject)
            if rows is not None:  # every source that can hold this person's rows found them
                assert f"{source.model._meta.label}:{source.heading}" in found_kinds, source.key
        attached = b"".join(body for name, body in files.items() if name.startswith("files/"))
        for value, where in values.items():
            if where.endswith((".receipt", ".proof_of_spend")):
                assert value.encode() in attached, f"{where}: the file is not in the ZIP"
            else:
                assert value in data, f"{where}: {value} is not in data.json"
                assert value in html, f"{where}: {value} is not in index.html"
        assert count == sum(len(s["rows"]) for s in document["sections"])
        if subject.user:
            assert "zzq-person@example.org" in data  # the account's email, which others hold
    assert counter[0] > 80  # every kind of record was stamped, not a handful
