"""The retention schedule: ONE table of every kind of record holding personal data, how long
it is kept, from when, and what happens then. The daily job (dataprotection.services.
apply_retention), the admin's "Retention schedule" and "Due in the next 30 days" screens and
the privacy notice all read this table; periods come from settings (README, "Council policy
choices"), so changing one changes all four.

Each kind names the models it covers; tests/dataprotection/test_retention.py fails if a model
of ours with personal-looking fields is neither here nor in NOT_PERSONAL with a reason.
"""

from dataprotection.kinds import ANONYMISE, DELETE, Period, RecordKind, days, years
from dataprotection.not_personal import NOT_PERSONAL
from dataprotection.rules import accounts, giving, grants, system, volunteering, young_people

__all__ = ["KINDS", "NOT_PERSONAL", "SCHEDULE", "RecordKind", "kind"]

ACCOUNTING_YEAR = "after the end of the charity's accounting year it falls in"

# In the order the job applies them: accounts last, as removing records can leave an account
# with nothing in it (so it is removed the same night, and the next run finds nothing to do).
SCHEDULE: list[RecordKind] = [
    RecordKind(
        key="ended_pledges",
        name="Pledges that ended",
        who="donors",
        what="A monthly pledge: the amount, how it was paid (card, Direct Debit or your pay, "
        "with your employee number) and why it ended.",
        why="To take the gifts you asked us to and account for the money (a legal obligation).",
        young="",
        period=years("RETENTION_PAYMENT_YEARS"),
        runs_from=f"{ACCOUNTING_YEAR}, counted from when the pledge ended",
        action=ANONYMISE,
        then="The employee number, Stripe customer, payment method and subscription ids and the "
        "reason given are removed; the amount, dates and status stay.",
        young_then="",
        young_when="",
        models=("pledges.Pledge",),
        due=giving.ended_pledges_due,
        apply=giving.ended_pledges_anonymise,
    ),
    RecordKind(
        key="gifts",
        name="Gifts (payments)",
        who="donors",
        what="Each gift: the amount, the date, how it was paid and Stripe's references for it.",
        why="The charity's accounts must show every gift (a legal obligation). We keep the "
        "least we can.",
        young="",
        period=years("RETENTION_PAYMENT_YEARS"),
        runs_from=f"{ACCOUNTING_YEAR}, counted from when the gift was paid",
        action=ANONYMISE,
        then="Stripe's customer, charge, checkout, invoice and payment ids are removed; the "
        "amount, fee, date, kind, status and Gift Aid claim stay (the accounts and figures).",
        young_then="",
        young_when="",
        models=("pledges.Donation",),
        due=giving.gifts_due,
        apply=giving.gifts_anonymise,
    ),
    RecordKind(
        key="gift_aid_declarations",
        name="Gift Aid declarations",
        who="donors",
        what="Your Gift Aid declaration: your name, house name or number, postcode and the "
        "date you made (or cancelled) it.",
        why="HMRC requires the charity to keep each declaration, and the gifts it covers, for "
        "six years after the end of the accounting period of the claim (a legal obligation).",
        young="",
        period=years("RETENTION_GIFT_AID_YEARS"),
        runs_from=f"{ACCOUNTING_YEAR}, counted from the last time it counted (made, cancelled, "
        "or a gift under it given or claimed on), once you no longer give monthly",
        action=DELETE,
        then="The declaration is deleted: name, address and dates.",
        young_then="",
        young_when="",
        models=("pledges.GiftAidDeclaration",),
        due=giving.gift_aid_due,
        apply=giving.gift_aid_delete,
    ),
    RecordKind(
        key="volunteers_left",
        name="Volunteers who left",
        who="volunteers",
        what="Your volunteer application and profile: interests, availability, area, "
        "experience, the areas you cover, gender (if you said), your moves through the "
        "checks and the lead adult named on your come-along sessions.",
        why="To recruit volunteers safely and match them well (the council's public task).",
        young="",
        period=days("RETENTION_VOLUNTEER_LEFT_DAYS"),
        runs_from="after the volunteer left",
        action=ANONYMISE,
        then="Interests, availability, area, experience, areas covered, gender, the reasons "
        "written for each move and the lead adult's name are removed; the dates, status, "
        "training records and handbook acceptances stay (the figures count them).",
        young_then="",
        young_when="",
        models=(
            "volunteers.Volunteer",
            "volunteers.Opportunity",
            "volunteers.VolunteerStatusChange",
        ),
        due=volunteering.volunteers_left_due,
        apply=volunteering.volunteers_left_anonymise,
    ),
    RecordKind(
        key="references",
        name="Volunteers' references",
        who="volunteers",
        what="Your referees' names, email addresses and what they told us.",
        why="To check a volunteer is safe to work with young people (safeguarding).",
        young="",
        period=days("RETENTION_VOLUNTEER_LEFT_DAYS"),
        runs_from="after the volunteer left",
        action=DELETE,
        then="Each reference is deleted.",
        young_then="",
        young_when="",
        models=("volunteers.Reference",),
        due=volunteering.references_due,
        apply=volunteering.references_delete,
    ),
    RecordKind(
        key="dbs_records",
        name="DBS check records",
        who="volunteers",
        what="What the DBS Code of Practice lets us keep about your check: the level, "
        "workforce, certificate number, issue date and the decision. Never a copy of the "
        "certificate or what it said.",
        why="Safeguarding children and adults at risk (criminal offence data: Data Protection "
        "Act 2018, Schedule 1).",
        young="",
        period=days("RETENTION_VOLUNTEER_LEFT_DAYS"),
        runs_from="after the volunteer left",
        action=ANONYMISE,
        then="The certificate number and any note are removed; the level, workforce, dates and "
        "decision stay.",
        young_then="",
        young_when="",
        models=("volunteers.DBSCheck",),
        due=volunteering.dbs_records_due,
        apply=volunteering.dbs_records_anonymise,
    ),
    RecordKind(
        key="dbs_decision_notes",
        name="DBS decision notes",
        who="volunteers",
        what="A coordinator's note on a DBS decision (only what the decision needs).",
        why="The DBS Code of Practice: kept no longer than about six months after the decision.",
        young="",
        period=days("RETENTION_DBS_NOTE_DAYS"),
        runs_from="after the decision",
        action=DELETE,
        then="The note is deleted; the decision stays.",
        young_then="",
        young_when="",
        models=("volunteers.DBSCheck",),
        due=volunteering.dbs_notes_due,
        apply=volunteering.dbs_notes_purge,
    ),
    RecordKind(
        key="supervision_notes",
        name="Supervision notes",
        who="volunteers",
        what="Notes your staff mentor writes about your supervision conversations.",
        why="To support volunteers and keep young people safe (the council's public task).",
        young="",
        period=days("RETENTION_VOLUNTEER_LEFT_DAYS"),
        runs_from="after the volunteer left",
        action=DELETE,
        then="Each note is deleted.",
        young_then="",
        young_when="",
        models=("volunteers.SupervisionNote",),
        due=volunteering.supervision_notes_due,
        apply=volunteering.supervision_notes_delete,
    ),
    RecordKind(
        key="session_notes",
        name="Session notes",
        who="volunteers and young people",
        what="What a volunteer wrote about each session: what you did together.",
        why="To support the match and keep everyone safe (the council's public task).",
        young="When your volunteer meets you, they write down what you did.",
        period=days("RETENTION_SESSION_NOTE_DAYS"),
        runs_from="after the session",
        action=ANONYMISE,
        then="What happened is removed; the date and length stay (the figures count time given).",
        young_then="We delete what they wrote. We keep only the date and how long it was.",
        young_when="after the session",
        models=("volunteers.VolunteerSession",),
        due=volunteering.session_notes_due,
        apply=volunteering.session_notes_clear,
    ),
    RecordKind(
        key="expense_claims",
        name="Expense claims and receipts",
        who="volunteers",
        what="Your expense claims: what they were for, the amount, and the receipt you uploaded.",
        why="To pay you back and account for the money.",
        young="",
        period=days("RETENTION_EXPENSE_RECEIPT_DAYS"),
        runs_from="after the claim was approved or refused",
        action=ANONYMISE,
        then="The description, the reason for the decision and the receipt (the file is deleted "
        "from storage) are removed; the amount, kind, status and dates stay.",
        young_then="",
        young_when="",
        models=("volunteers.ExpenseClaim",),
        due=volunteering.expense_claims_due,
        apply=volunteering.expense_claims_anonymise,
    ),
    RecordKind(
        key="come_along_bookings",
        name="Come-along bookings",
        who="young people and their workers",
        what="A booking for a come-along session: the young person's first name and age, and "
        "the name and email address of whoever booked.",
        why="To organise the session and keep it safe.",
        young="When someone books you a place at a come-along session, we keep your first "
        "name and age.",
        period=days("RETENTION_BOOKING_DAYS"),
        runs_from="after the session",
        action=ANONYMISE,
        then="Names, the email address and notes are removed; the age and whether it was "
        "cancelled stay.",
        young_then="We take off your name. We keep only your age.",
        young_when="after the session",
        models=("volunteers.Booking",),
        due=volunteering.bookings_due,
        apply=volunteering.bookings_anonymise,
    ),
    RecordKind(
        key="referrals_never_matched",
        name="Referrals never matched",
        who="young people",
        what="A young person's referral for a mentor: first name, date of birth, area, "
        "interests, availability, preferences, what a volunteer must know, and the worker's "
        "contact details.",
        why="To find the right volunteer (the council's public task, with the young person's "
        "agreement to be referred).",
        young="When your worker asks us to find you a mentor, we keep your first name, "
        "birthday, area, what you like and when you are free. We use it to find you a mentor.",
        period=days("RETENTION_REFERRAL_UNMATCHED_DAYS"),
        runs_from="after the referral closed, if they were never matched",
        action=ANONYMISE,
        then="First name, day and month of birth, interests, availability, preferences, what a "
        "volunteer must know and the worker's details are removed; the referral date, status, "
        "area and year of birth stay (the figures count referrals).",
        young_then="If we never found you a mentor, we take off your name and what you told us.",
        young_when="after we stop looking for a mentor for you",
        models=("matching.YoungPerson", "matching.YoungPersonStatusChange"),
        due=young_people.referrals_unmatched_due,
        apply=young_people.young_people_anonymise,
    ),
    RecordKind(
        key="young_people_after_matching",
        name="Young people's profiles and matches",
        who="young people",
        what="A young person's profile (as for a referral) and their matches: why each closed, "
        "review notes and the reasons written for each change.",
        why="To support the match and keep the young person safe (the council's public task).",
        young="When you have a mentor, we keep notes about how it is going.",
        period=days("RETENTION_YOUNG_PERSON_DAYS"),
        runs_from="after the young person's last match closed",
        action=ANONYMISE,
        then="As for a referral, plus each match's closing reason, review notes and status "
        "reasons; the matches' dates and statuses stay (the figures count matches).",
        young_then="After your last mentor, we take off your name and the notes.",
        young_when="after your last time with a mentor ends",
        models=(
            "matching.YoungPerson",
            "matching.Match",
            "matching.MatchReview",
            "matching.MatchStatusChange",
        ),
        due=young_people.profiles_after_last_match_due,
        apply=young_people.young_people_anonymise,
    ),
    RecordKind(
        key="grant_applications",
        name="Grant applications, their files and thank-yous",
        who="young people",
        what="A grant application: date of birth, what it is for, how it helps, links, your "
        "worker's details and their endorsement, the panel's comments and decision message, "
        "the proof of spending you uploaded, and your thank-you.",
        why="To decide and pay the grant and account for the fund (the council's public task).",
        young="When you apply for a grant, we keep your answers, your worker's reply, the "
        "panel's decision and any receipt or thank-you you send.",
        period=lambda: Period(grants.retention_days(), "days"),
        runs_from="after the application finished (paid, declined, withdrawn or closed; "
        "the period is set in Settings → Grants)",
        action=ANONYMISE,
        then="Date of birth, answers, worker details, endorsement and panel comments, the "
        "decision message, the proof of spending (the file is deleted from storage) and an "
        "unshared thank-you are removed; amounts, category, dates, statuses and the payment stay.",
        young_then="Then we take off your details and delete your files. We keep the amount.",
        young_when="after your application is finished",
        models=(
            "grants.Application",
            "grants.Endorsement",
            "grants.Review",
            "grants.ThankYou",
            "grants.ApplicationStatusChange",
        ),
        due=grants.applications_due,
        apply=grants.applications_anonymise,
    ),
    RecordKind(
        key="draft_applications",
        name="Grant applications never sent",
        who="young people",
        what="A grant application started but never sent: the answers given so far.",
        why="To let you finish it later.",
        young="If you start an application and never send it, we keep your answers for a while.",
        period=days("RETENTION_DRAFT_APPLICATION_DAYS"),
        runs_from="after the application was last changed, if it was never sent",
        action=DELETE,
        then="The draft and its history are deleted.",
        young_then="Then we delete it.",
        young_when="after you last changed it",
        models=("grants.Application",),
        due=grants.drafts_due,
        apply=grants.drafts_delete,
    ),
    RecordKind(
        key="outbox",
        name="Emails and text messages sent",
        who="everyone",
        what="A copy of each email or text message we sent you, with your address or number.",
        why="To show a message went, and to send again one that failed.",
        young="We keep a copy of the emails and texts we send you.",
        period=days("RETENTION_OUTBOX_DAYS"),
        runs_from="after the message was written",
        action=DELETE,
        then="The message (address, subject and body) is deleted.",
        young_then="We delete it.",
        young_when="after we send it",
        models=("nolimits.OutboxMessage",),
        due=system.outbox_due,
        apply=system.outbox_delete,
    ),
    RecordKind(
        key="stripe_events",
        name="Payment messages from Stripe",
        who="donors",
        what="What Stripe, our card and Direct Debit provider, told us about a payment, "
        "including your name and email address.",
        why="To record each payment exactly once (a legal obligation to account for it).",
        young="",
        period=days("RETENTION_STRIPE_EVENT_DAYS"),
        runs_from="after we received it",
        action=ANONYMISE,
        then="The message's contents are removed; its id, type, times and status stay.",
        young_then="",
        young_when="",
        models=("pledges.StripeEvent",),
        due=system.stripe_events_due,
        apply=system.stripe_events_empty,
    ),
    RecordKind(
        key="audit_log",
        name="Audit log",
        who="everyone",
        what="Who did what on the site and who looked at whose records, such as each view of "
        "a DBS record (the Police Act 1997, section 124).",
        why="To keep records safe and show who saw them.",
        young="We write down who looked at your records.",
        period=days("RETENTION_AUDIT_LOG_DAYS"),
        runs_from="after the entry was written",
        action=DELETE,
        then="The entry is deleted.",
        young_then="We delete it.",
        young_when="after they look",
        models=(),
        due=system.audit_log_due,
        apply=system.audit_log_delete,
    ),
    RecordKind(
        key="application_log",
        name="Grant applications' audit log",
        who="young people",
        what="Who opened a grant application or its proof of spending.",
        why="To keep applications safe and show who saw them.",
        young="We write down who looked at your application.",
        period=days("RETENTION_AUDIT_LOG_DAYS"),
        runs_from="after the entry was written",
        action=DELETE,
        then="The entry is deleted.",
        young_then="We delete it.",
        young_when="after they look",
        models=("grants.ApplicationLogEntry",),
        due=system.application_log_due,
        apply=system.application_log_delete,
    ),
    RecordKind(
        key="unused_accounts",
        name="Accounts never used",
        who="everyone",
        what="An account that was made but never signed in to, with nothing in it.",
        why="To let you sign in. Nothing else uses it.",
        young="If you make an account and never use it, we do not keep it.",
        period=days("RETENTION_UNUSED_ACCOUNT_DAYS"),
        runs_from="after the account was made, if it was never signed in to",
        action=DELETE,
        then="The account and its email address are deleted.",
        young_then="We delete it.",
        young_when="after you made it",
        models=("nolimits.User",),
        due=accounts.unused_accounts_due,
        apply=accounts.unused_accounts_delete,
    ),
    RecordKind(
        key="dormant_accounts",
        name="Accounts not used for a long time",
        who="everyone",
        what="Your account: your name, email address, phone number and how you like to hear "
        "from us.",
        why="To let you sign in and see your own records (the council's public task).",
        young="Your account has your name, email and phone number. It lets you sign in.",
        period=days("RETENTION_DORMANT_ACCOUNT_DAYS"),
        runs_from="after you last signed in, once nothing of yours is still going on (no "
        "pledge, volunteering or application open)",
        action=ANONYMISE,
        then="Name, email address and phone number are removed and the account is closed; "
        "whether you were staff or a councillor, and your directorate, stay for the figures.",
        young_then="We take off your name, email and phone number. The account is closed.",
        young_when="after you last signed in",
        models=("nolimits.User",),
        due=accounts.dormant_accounts_due,
        apply=accounts.dormant_accounts_anonymise,
    ),
]

KINDS = {kind.key: kind for kind in SCHEDULE}


def kind(key: str) -> RecordKind:
    return KINDS[key]
