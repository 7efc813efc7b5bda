"""Every action that changes a grant application, with its checks, one module per concern.

Each change of status goes through nolimits.states.move and is logged as a structured event
(who, what, when; never free text): grants.history words it for each reader. The public names
stay importable from here (`from grants import services; services.application_submit(...)`).
"""

from grants.services.after_payment import proof_of_spend_upload, thank_you_write
from grants.services.answers import check_answers, missing_answers
from grants.services.applying import (
    application_save_step,
    application_start,
    application_submit,
    application_withdraw,
)
from grants.services.audit import application_viewed
from grants.services.endorsement import (
    LinkProblem,
    endorsement_from_link,
    endorsement_link,
    endorsement_record,
)
from grants.services.more_info import application_send_again
from grants.services.panel import application_decide, review_record
from grants.services.payment import payment_record
from grants.services.reminders import endorsement_reminders
from grants.services.retention import anonymise_old_applications, application_anonymise
from grants.services.stories import story_draft_from_thank_you
from grants.services.workers import application_start_for

__all__ = [
    "LinkProblem",
    "anonymise_old_applications",
    "application_anonymise",
    "application_decide",
    "application_save_step",
    "application_send_again",
    "application_start",
    "application_start_for",
    "application_submit",
    "application_withdraw",
    "application_viewed",
    "check_answers",
    "endorsement_from_link",
    "endorsement_link",
    "endorsement_record",
    "endorsement_reminders",
    "missing_answers",
    "payment_record",
    "proof_of_spend_upload",
    "review_record",
    "story_draft_from_thank_you",
    "thank_you_write",
]
