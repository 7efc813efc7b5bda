"""Giving time: volunteers, their checks and training, references, mentors and the handbook,
sessions and expenses, and come-along activities; one module per concern. Every name is
importable from here (`from volunteers.models import Volunteer`), as Django and the migrations
expect.

What may be kept about a DBS check follows the DBS Code of Practice: the certificate's metadata
and the decision, never a copy of it and never what it disclosed. "Cleared to meet young people"
is worked out by volunteers.clearance.clearance() every time it matters; the dates stored on a
volunteer (cleared_*_until) are that module's summary, kept only to find candidates quickly.
"""

from volunteers.models.checks import (
    CERTIFICATE_NUMBER,
    DBSCheck,
    DBSStatusCheck,
    RecheckDue,
    Reference,
)
from volunteers.models.come_along import (
    Booking,
    Opportunity,
    OpportunityIndexPage,
    OpportunityStatusChange,
)
from volunteers.models.sessions import (
    ExpenseClaim,
    ExpenseClaimStatusChange,
    VolunteerSession,
    receipt_path,
)
from volunteers.models.site_settings import (
    VolunteeringSettings,
)
from volunteers.models.training import (
    Handbook,
    HandbookAcceptance,
    TrainingCourse,
    TrainingRecord,
    add_months,
    training_expiry,
)
from volunteers.models.volunteers import (
    ReminderSent,
    SupervisionNote,
    Volunteer,
    VolunteerStatusChange,
)

__all__ = [
    "Booking",
    "CERTIFICATE_NUMBER",
    "DBSCheck",
    "DBSStatusCheck",
    "ExpenseClaim",
    "ExpenseClaimStatusChange",
    "Handbook",
    "HandbookAcceptance",
    "Opportunity",
    "OpportunityIndexPage",
    "OpportunityStatusChange",
    "RecheckDue",
    "Reference",
    "ReminderSent",
    "SupervisionNote",
    "TrainingCourse",
    "TrainingRecord",
    "Volunteer",
    "VolunteerSession",
    "VolunteerStatusChange",
    "VolunteeringSettings",
    "add_months",
    "receipt_path",
    "training_expiry",
]
