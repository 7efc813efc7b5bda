"""nolimits.states is the one way any record changes state: its rules, and that nothing else does."""

import ast
import datetime as dt
from pathlib import Path

from django.apps import apps
from django.db import models

import pytest

from nolimits import states
from pledges.models import Pledge, PledgeStatusChange
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
APPS = ("nolimits", "pledges", "volunteers", "matching", "grants")


def _pledge(status=Pledge.Status.ACTIVE) -> Pledge:
    return Pledge.objects.create(
        donor=UserFactory(),
        method="payroll",
        amount_pence=800,
        employee_number="AB123456",
        payroll_start_month=dt.date(2026, 11, 1),
        status=status,
    )


@pytest.mark.django_db
def test_a_legal_move_saves_the_status_and_logs_who_from_to_why():
    pledge, who = _pledge(), UserFactory()
    change = states.move(pledge, Pledge.Status.PAUSED, by=who, reason="  On leave until March ")
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PAUSED
    logged = PledgeStatusChange.objects.get(pledge=pledge)
    assert logged == change
    assert (logged.from_status, logged.to_status, logged.by, logged.reason) == (
        "active",
        "paused",
        who,
        "On leave until March",
    )
    assert str(logged) == "Active → Paused: On leave until March"


@pytest.mark.django_db
def test_an_illegal_move_is_refused_in_plain_words_and_nothing_is_written():
    pledge = _pledge(Pledge.Status.CANCELLED)
    with pytest.raises(states.IllegalMove) as refused:
        states.move(pledge, Pledge.Status.ACTIVE, by=None, reason="Try again")
    assert refused.value.messages == ["A pledge cannot go from “Cancelled” to “Active”."]
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.CANCELLED
    assert not PledgeStatusChange.objects.exists()


@pytest.mark.django_db
def test_move_if_allowed_ignores_late_or_repeated_events_and_note_keeps_the_status():
    pledge = _pledge(Pledge.Status.CANCELLED)
    assert states.move_if_allowed(pledge, Pledge.Status.ACTIVE, reason="late event") is None
    assert states.move_if_allowed(pledge, Pledge.Status.CANCELLED, reason="again") is None
    assert not PledgeStatusChange.objects.exists()
    states.note(pledge, reason="Monthly amount changed from £8 to £10")
    logged = PledgeStatusChange.objects.get()
    assert (logged.from_status, logged.to_status) == ("cancelled", "cancelled")


def _stateful_models():
    for model in apps.get_models():
        if model._meta.app_label not in APPS:
            continue
        try:
            field = model._meta.get_field("status")
        except Exception:  # noqa: S112 - models without a status are not stateful
            continue
        if field.choices:
            yield model


def test_every_stateful_record_has_a_table_and_a_status_change_log_of_the_one_shape():
    shape = {f.name: type(f) for f in states.StatusChange._meta.fields if f.name != "id"}
    for model in _stateful_models():
        choices = {value for value, _label in model._meta.get_field("status").flatchoices}
        table = getattr(model, "TRANSITIONS", None)
        assert table is not None, f"{model._meta.label} has a status but no TRANSITIONS table"
        assert set(table) == choices, f"{model._meta.label}: the table must name every status"
        for targets in table.values():
            assert set(targets) <= choices, f"{model._meta.label}: the table names a non-status"
        logs = [
            r.related_model
            for r in model._meta.related_objects
            if r.related_name == "status_changes"
        ]
        assert logs, f"{model._meta.label} has no status_changes log"
        log = logs[0]
        assert issubclass(log, states.StatusChange), f"{log._meta.label} is not a StatusChange"
        assert {n: type(log._meta.get_field(n)) for n in shape} == shape


class _StatusWrites(ast.NodeVisitor):
    """Finds `x.status = ...`, `x.status += ...`, and `.update(status=...)` in a module."""

    def __init__(self):
        self.found: list[int] = []

    def visit_Assign(self, node):
        for target in node.targets:
            self._check(target, node)
        self.generic_visit(node)

    def visit_AnnAssign(self, node):
        self._check(node.target, node)
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        self._check(node.target, node)
        self.generic_visit(node)

    def visit_Call(self, node):
        if isinstance(node.func, ast.Attribute) and node.func.attr in ("update", "bulk_update"):
            names = {k.arg for k in node.keywords}
            fields = [
                elt.value
                for arg in node.args
                if isinstance(arg, (ast.List, ast.Tuple))
                for elt in arg.elts
                if isinstance(elt, ast.Constant)
            ]
            if "status" in names or "status" in fields:
                self.found.append(node.lineno)
        self.generic_visit(node)

    def _check(self, target, node):
        targets = target.elts if isinstance(target, ast.Tuple) else [target]
        for one in targets:
            if isinstance(one, ast.Attribute) and one.attr == "status":
                self.found.append(node.lineno)


# Fields called `status` that are not our state: they copy a status someone else decides.
MIRRORS = {
    # pledges.Adjustment.status is Stripe's own refund/dispute status, copied as Stripe sends it.
    ("pledges/stripe_events.py", "adjustment"),
}


def test_no_code_sets_a_status_field_except_the_state_helper():
    offenders = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if "/migrations/" in rel or rel == "nolimits/states.py":
                continue
            source = path.read_text()
            tree = ast.parse(source)
            finder = _StatusWrites()
            finder.visit(tree)
            lines = source.splitlines()
            for lineno in finder.found:
                line = lines[lineno - 1].strip()
                if any(rel == f and line.startswith(f"{obj}.status") for f, obj in MIRRORS):
                    continue
                offenders.append(f"{rel}:{lineno}: {line}")
    assert offenders == [], "set status only through nolimits.states.move:\n" + "\n".join(offenders)


def test_the_finder_finds_what_it_should():
    finder = _StatusWrites()
    finder.visit(
        ast.parse(
            "a.status = 1\nb.status, c.x = 2, 3\nQ.objects.filter().update(status='x')\n"
            "Q.objects.bulk_update(rows, ['status'])\na.status == 1\nf(status=1)\n"
        )
    )
    assert finder.found == [1, 2, 3, 4]


def test_status_change_models_are_not_abstract_in_disguise():
    assert states.StatusChange._meta.abstract
    assert all(
        not m._meta.abstract
        for m in apps.get_models()
        if issubclass(m, states.StatusChange) and m is not states.StatusChange
    )
    assert issubclass(states.IllegalMove, Exception)
    assert isinstance(states.StatusChange._meta.get_field("by"), models.ForeignKey)
