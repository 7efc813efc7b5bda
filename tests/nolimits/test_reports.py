"""Every admin report opens only to those its named rule lets in (nolimits.reports.RuleReport)."""

from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from wagtail.admin.views.reports import ReportView

import pytest

from nolimits.reports import RuleReport
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def every_report_class():
    from matching import wagtail_hooks as matching_hooks
    from volunteers import wagtail_hooks as volunteers_hooks

    return [view for _, view in volunteers_hooks.REPORTS + matching_hooks.REPORTS]


def test_every_report_is_a_rule_report_naming_its_rule():
    reports = every_report_class()
    assert len(reports) >= 7
    for report in reports:
        assert issubclass(report, ReportView)
        assert issubclass(report, RuleReport), report
        assert callable(report.rule), report
        assert "dispatch" not in vars(report), f"{report.__name__} checks access itself"


@pytest.mark.parametrize(
    "rule",
    [None, lambda user: False, lambda user: (False, "Only coordinators can do that.")],
    ids=["no rule", "no", "no, with a reason"],
)
def test_a_report_whose_rule_says_no_is_refused(rule):
    class Refused(RuleReport):
        pass

    Refused.rule = rule
    request = RequestFactory().get("/admin/reports/x/")
    request.user = UserFactory()
    with pytest.raises(PermissionDenied):
        Refused.as_view()(request)


@pytest.mark.parametrize("rule", [lambda user: True, lambda user: (True, "")])
def test_a_report_whose_rule_says_yes_goes_on_to_the_report(rule, monkeypatch):
    reached = []
    monkeypatch.setattr(ReportView, "dispatch", lambda self, request, *a, **k: reached.append(1))

    class Allowed(RuleReport):
        pass

    Allowed.rule = rule
    request = RequestFactory().get("/admin/reports/x/")
    request.user = UserFactory()
    Allowed.as_view()(request)
    assert reached == [1]
