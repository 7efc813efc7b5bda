"""Small forms for the coordinator's volunteer file in the Wagtail admin. Each calls one service."""

from django import forms
from django.utils import timezone

from nolimits.forms import ADMIN_DATE_HINT, date_field
from nolimits.models import User
from volunteers.models import DBSCheck, DBSStatusCheck, Reference, TrainingCourse, Volunteer


def admin_date(label: str, required_message: str, **kwargs):
    """A date the coordinator types: the GOV.UK date input (components/admin_field.html), of
    something that has happened."""
    kwargs.setdefault("not_future", True)
    return date_field(label, required_message, help_text=ADMIN_DATE_HINT, **kwargs)


class ReferenceForm(forms.Form):
    reference = forms.ModelChoiceField(queryset=Reference.objects.none(), label="Referee")
    outcome = forms.ChoiceField(choices=Reference.Outcome.choices)
    received_on = admin_date(
        "Received on", "Enter the date the reference came back", initial=timezone.localdate
    )

    def __init__(self, *args, volunteer: Volunteer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].queryset = volunteer.references.all()


class InterviewForm(forms.Form):
    done_on = admin_date("Interview held on", "Enter the date the interview was held")


class DBSCheckForm(forms.ModelForm):
    # The service says "The issue date cannot be in the future." itself, beside this field.
    issue_date = admin_date("Issue date", "Enter the issue date", not_future=False)

    class Meta:
        model = DBSCheck
        fields = [
            "level",
            "workforce",
            "childrens_barred_list_checked",
            "adults_barred_list_checked",
            "certificate_number",
            "issue_date",
            "has_content",
            "update_service_subscribed",
        ]
        error_messages = {
            "certificate_number": {"required": "Enter the 12-digit certificate number"}
        }


class DBSDecisionForm(forms.Form):
    check = forms.ModelChoiceField(
        queryset=DBSCheck.objects.none(), label="Certificate", empty_label=None
    )
    # No answer is chosen for the coordinator: they pick one, on purpose.
    decision = forms.ChoiceField(
        choices=[("accepted", "Accepted"), ("not_accepted", "Not accepted")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the certificate is accepted"},
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text="Only what the decision needs. Deleted automatically after six months.",
    )

    def __init__(self, *args, volunteer: Volunteer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["check"].queryset = volunteer.dbs_checks.filter(
            decision=DBSCheck.Decision.PENDING
        )


class RiskAssessmentForm(forms.Form):
    check = forms.ModelChoiceField(
        queryset=DBSCheck.objects.none(), label="Certificate with content", empty_label=None
    )

    def __init__(self, *args, volunteer: Volunteer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["check"].queryset = volunteer.dbs_checks.filter(
            has_content=True, risk_assessment_approved_at__isnull=True
        )


class StatusCheckForm(forms.Form):
    check = forms.ModelChoiceField(
        queryset=DBSCheck.objects.none(), label="Certificate", empty_label=None
    )
    result = forms.ChoiceField(choices=DBSStatusCheck.Result.choices)
    checked_on = admin_date(
        "Checked on", "Enter the date you checked the Update Service", initial=timezone.localdate
    )

    def __init__(self, *args, volunteer: Volunteer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["check"].queryset = volunteer.dbs_checks.filter(update_service_subscribed=True)


class TrainingForm(forms.Form):
    course = forms.ModelChoiceField(queryset=TrainingCourse.objects.all())
    completed_on = admin_date("Completed on", "Enter the date they completed the course")


class ReferenceChaseForm(forms.Form):
    reference = forms.ModelChoiceField(queryset=Reference.objects.none(), label="Referee")

    def __init__(self, *args, volunteer: Volunteer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].queryset = volunteer.references.filter(
            outcome=Reference.Outcome.WAITING
        )


class ApproveForm(forms.Form):
    """Approval is its own button: it says what is still missing, and changes nothing until
    everything is in place."""


class MentorForm(forms.Form):
    mentor = forms.ModelChoiceField(
        queryset=User.objects.filter(groups__name="Mentors").order_by("full_name"),
        label="Staff mentor",
    )


class MoveForm(forms.Form):
    to = forms.ChoiceField(label="Move to")
    reason = forms.CharField(max_length=500, error_messages={"required": "Give a reason"})

    def __init__(self, *args, volunteer: Volunteer, **kwargs):
        super().__init__(*args, **kwargs)
        # Approval has its own button, which lists what is missing; suspending has its own too.
        allowed = Volunteer.TRANSITIONS[volunteer.status] - {Volunteer.Status.PAUSED}
        if volunteer.status != Volunteer.Status.PAUSED:
            allowed -= {Volunteer.Status.ACTIVE}
        self.fields["to"].choices = [(s.value, s.label) for s in Volunteer.Status if s in allowed]


class SuspendForm(forms.Form):
    reason = forms.CharField(max_length=400, error_messages={"required": "Give a reason"})
