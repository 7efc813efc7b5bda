"""One set of figures (impact.figures), each checked on a known dataset for the tax year 2025-26
(6 April 2025 to 5 April 2026), with rows just inside and just outside both edges in UK time.

Status histories are made through the one state helper (nolimits.states.move) or the apps'
services at the moment they happened (time_machine), so "at the end of the period" is read
from the same logs the admin shows."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

import pytest
import time_machine

from grants.models import Application, Category
from grants.services import application_withdraw, payment_record
from impact import figures as f
from impact.periods import Period
from matching.models import Match, MatchSession, YoungPerson
from nolimits import roles, states
from nolimits.models import User
from pledges.models import Adjustment, Donation, GiftAidClaim, GiftAidDeclaration, Pledge
from pledges.selectors import money_received_pence
from pledges.services.payroll import payroll_run_confirm
from tests.factories import UserFactory
from tests.volunteers.conftest import applicant, make_cleared
from volunteers import services as volunteering
from volunteers.models import Booking, Opportunity, Volunteer

LONDON = ZoneInfo("Europe/London")
YEAR = Period.tax_year(2025)  # 6 April 2025 to 5 April 2026


def uk(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


FIRST_MOMENT = uk(2025, 4, 6)  # 00:00 BST, inside
BEFORE = uk(2025, 4, 5, 23, 59)  # outside
LAST_EVENING = uk(2026, 4, 5, 23, 30)  # 23:30 BST (22:30 UTC), inside
AFTER = uk(2026, 4, 6)  # 00:00 BST, outside


def at(moment, action, *args, **kwargs):
    """Do `action` as if it were `moment`."""
    with time_machine.travel(moment, tick=False):
        return action(*args, **kwargs)


def gift(donor, kind, pence, paid_at, method="card", **extra):
    return Donation.objects.create(
        donor=donor,
        kind=kind,
        amount_pence=pence,
        status=Donation.Status.SUCCEEDED,
        paid_at=paid_at,
        payment_method_type=method,
        **extra,
    )


def pledge(donor, pence, history, **extra):
    """A pledge that went through `history`: (moment, status) pairs."""
    made = Pledge.objects.create(
        donor=donor, method=extra.pop("method", "stripe"), amount_pence=pence,
        created_at=history[0][0], **extra,
    )  # fmt: skip
    for moment, status in history:
        at(moment, states.move, made, status, reason="Stripe said so")
    return made


# --- The dataset ---------------------------------------------------------------------------------


@pytest.fixture
def money_data(db):
    amir = UserFactory(full_name="Amir Staff")
    bea = UserFactory(full_name="Bea Councillor", kind=User.Kind.COUNCILLOR, directorate="")
    cal = UserFactory(full_name="Cal Payroll")
    dee = UserFactory(full_name="Dee Councillor", kind=User.Kind.COUNCILLOR, directorate="")
    eve = UserFactory(full_name="Eve Staff")
    finance = UserFactory(roles=[roles.FINANCE])

    # Monthly pledges and their status logs. Amir's was active at the end (cancelled after it);
    # Bea's was paused before the end; Cal's payroll pledge is active; Eve's started after it.
    amir_pledge = pledge(amir, 1000, [(uk(2025, 3, 1), "active"), (uk(2026, 5, 1), "cancelled")])
    pledge(bea, 2000, [(uk(2025, 4, 10), "active"), (uk(2026, 2, 1), "paused")])
    cal_pledge = pledge(
        cal, 500, [(uk(2025, 6, 1), "active")],
        method=Pledge.Method.PAYROLL, employee_number="E123456", payroll_start_month=dt.date(2025, 6, 1),
    )  # fmt: skip
    pledge(eve, 800, [(AFTER, "active")])

    # Gifts. Amir by card: one at the first moment (later refunded in part), one a minute before.
    refunded = gift(amir, "monthly", 1000, FIRST_MOMENT, pledge=amir_pledge, refunded_pence=1000)
    gift(amir, "monthly", 1000, BEFORE, pledge=amir_pledge)
    # Bea by Direct Debit: one at 23:30 BST on 5 April (disputed), one at midnight after.
    disputed = gift(bea, "monthly", 2000, LAST_EVENING, method="bacs_debit", disputed=True)
    gift(bea, "monthly", 2000, AFTER, method="bacs_debit")
    # Dee's campaign gift, already claimed for Gift Aid; a refund of part of it after the end.
    claim = GiftAidClaim.objects.create(
        reference="GA-1", period_start=dt.date(2025, 4, 6), period_end=dt.date(2025, 12, 31),
        total_pence=5000,
    )  # fmt: skip
    campaign = gift(dee, "campaign", 5000, uk(2025, 10, 10), gift_aid_claim=claim)
    # Eve's card gift, covered by her Gift Aid declaration and not yet claimed.
    gift(eve, "monthly", 800, uk(2025, 8, 1))
    # A Direct Debit still processing is not money received.
    Donation.objects.create(
        donor=eve, kind="campaign", amount_pence=9900, status=Donation.Status.PROCESSING
    )
    for donor in (amir, eve):
        GiftAidDeclaration.objects.create(
            donor=donor, wording="…", charity_name="Thamesbrook CF", first_name="A",
            last_name="B", house_name_or_number="1", postcode="TB1 1AA",
            declared_at=uk(2025, 1, 1),
        )  # fmt: skip
    # Cal's payroll gift for March 2026, through finance's real confirmation (paid on its pay date).
    payroll_run_confirm(month=dt.date(2026, 3, 1), by=finance)

    Adjustment.objects.create(
        donation=refunded, kind="refund", stripe_id="re_1", amount_pence=-1000,
        status="succeeded", created_at=uk(2025, 5, 1),
    )  # fmt: skip
    Adjustment.objects.create(
        donation=disputed, kind="dispute", stripe_id="dp_1", amount_pence=-2000,
        status="needs_response", created_at=uk(2026, 1, 15),
    )  # fmt: skip
    Adjustment.objects.create(
        donation=campaign, kind="refund", stripe_id="re_2", amount_pence=-500,
        status="succeeded", created_at=AFTER,
    )  # fmt: skip
    return cal_pledge


@pytest.fixture
def volunteer_data(db, coordinator, mentor, induction, handbook):
    people = {}
    # Cleared and active: DBS issued 1 June 2025, due again in 2028.
    people["cleared"] = at(uk(2026, 3, 1, 9), applicant)
    at(uk(2026, 3, 1, 10), make_cleared, people["cleared"], coordinator=coordinator,
       mentor=mentor, induction=induction, handbook=handbook)  # fmt: skip
    # Active, but the DBS check (issued 1 March 2023) fell due on 1 March 2026.
    people["expired"] = at(uk(2026, 2, 1, 9), applicant)
    at(uk(2026, 2, 1, 10), make_cleared, people["expired"], coordinator=coordinator,
       mentor=mentor, induction=induction, handbook=handbook, issue=dt.date(2023, 3, 1))  # fmt: skip
    # Applied in the year; at references at the end, and left afterwards.
    people["applied"] = at(uk(2026, 3, 1, 11), applicant)
    people["references"] = at(uk(2026, 3, 1, 12), applicant)
    at(uk(2026, 3, 2), volunteering.volunteer_move, volunteer=people["references"],
       to="references", by=coordinator, reason="References asked for")  # fmt: skip
    at(uk(2026, 6, 1), volunteering.volunteer_move, volunteer=people["references"],
       to="left", by=coordinator, reason="Moved away")  # fmt: skip
    # Applied before the year (still applied), and after it (not counted at all).
    people["earlier"] = at(BEFORE, applicant)
    people["later"] = at(AFTER, applicant)
    return people


@pytest.fixture
def matching_data(db, volunteer_data, coordinator):
    cleared, expired = volunteer_data["cleared"], volunteer_data["expired"]

    def young(first_name, referred_at):
        return YoungPerson.objects.create(
            first_name=first_name, date_of_birth=dt.date(2008, 1, 1), area="Thamesbrook",
            interests="music", availability="weekends", worker_name="Pat",
            worker_email="pat@example.org", consent=True, referred_at=referred_at,
        )  # fmt: skip

    def match(person, volunteer, history, reason=""):
        made = Match.objects.create(
            young_person=person, volunteer=volunteer, proposed_by=coordinator,
            proposed_at=history[0][0] - dt.timedelta(days=1),
        )  # fmt: skip
        for moment, status in history:
            if status == "closed":
                made.closed_reason = reason
                at(moment, states.move, made, status, by=coordinator, also_save=["closed_reason"])
            else:
                at(moment, states.move, made, status, by=coordinator)
        return made

    first = young("Ada", FIRST_MOMENT)
    last = young("Ben", LAST_EVENING)
    earlier = young("Cat", uk(2025, 4, 5, 23))
    young("Dan", AFTER)
    # Introduced in the year and active at the end.
    active = match(first, cleared, [(uk(2025, 5, 10), "introduced"), (uk(2025, 6, 1), "active")])
    # Introduced before the year; closed in it with a reason.
    match(earlier, expired, [(uk(2025, 3, 10), "introduced"), (uk(2025, 3, 20), "active"),
                             (uk(2025, 9, 1), "closed")], reason="Young person moved away")  # fmt: skip
    # Never met; closed in the year with no reason.
    match(earlier, cleared, [(uk(2025, 10, 15), "closed")])
    # Introduced at 23:30 BST on 5 April (active at the end), closed after the end.
    match(last, expired, [(LAST_EVENING, "introduced"), (uk(2026, 5, 1), "closed")],
          reason="Volunteer moved on")  # fmt: skip

    for day, minutes in (
        (dt.date(2025, 4, 6), 60),
        (dt.date(2026, 4, 5), 90),
        (dt.date(2026, 4, 6), 30),
    ):
        session = f.VolunteerSession.objects.create(  # impact.figures names where sessions live
            volunteer=cleared, date=day, minutes=minutes, what_happened="Football"
        )  # fmt: skip
        MatchSession.objects.create(session=session, match=active)

    def activity(starts_at, places, status, bookings=0, cancelled=0):
        made = Opportunity.objects.create(
            volunteer=cleared, title="Five-a-side", description="A game", location="Park",
            starts_at=starts_at, places=places, status=status,
        )  # fmt: skip
        for n in range(bookings + cancelled):
            Booking.objects.create(
                opportunity=made, young_person_first_name=f"Y{n}", young_person_age=15,
                booker_name="Pat", booker_email="pat@example.org", cancelled=n >= bookings,
            )  # fmt: skip

    activity(uk(2025, 7, 1, 18), 10, "approved", bookings=3, cancelled=1)
    activity(AFTER, 5, "approved", bookings=1)
    activity(uk(2025, 8, 1, 18), 8, "declined")


@pytest.fixture
def grants_data(db):
    finance = UserFactory(roles=[roles.FINANCE])
    driving = Category.objects.create(
        name="Driving lessons", slug="driving", max_amount_pence=50_000
    )
    laptops = Category.objects.create(name="Laptops", slug="laptops", max_amount_pence=80_000)

    def application(category, status, asked, sent, decided=None, awarded=None):
        young = UserFactory(kind="young_person", directorate="")
        made = Application.objects.create(
            applicant=young, status=status, category=category, what_for="Help",
            amount_pence=asked, submitted_at=sent, decided_at=decided,
            decided_amount_pence=awarded,
        )  # fmt: skip
        return made

    # Sent at 23:30 BST on 1 May, decided at 00:30 BST on 11 May: 10 days in UK time (9 in UTC).
    full = application(
        driving, "approved", 30_000, uk(2025, 5, 1, 23, 30), uk(2025, 5, 11, 0, 30), 30_000
    )
    payment_record(application=full, by=finance, amount_pence=30_000, paid_on=dt.date(2025, 5, 20),
                   method="bank_transfer", reference="BACS-1")  # fmt: skip
    part = application(
        laptops, "part_approved", 50_000, uk(2025, 6, 1, 9), uk(2025, 6, 21, 9), 20_000
    )
    payment_record(application=part, by=finance, amount_pence=20_000, paid_on=dt.date(2026, 4, 6),
                   method="bank_transfer", reference="BACS-2")  # fmt: skip
    application(driving, "closed", 10_000, uk(2025, 7, 1, 9), uk(2025, 7, 4, 9))  # declined
    # Asked for more information: not a decision.
    application(driving, "more_info", 10_000, uk(2025, 7, 20, 9), uk(2025, 8, 1, 9))
    # Sent in the year, decided at midnight after it: approved but not yet paid.
    application(driving, "approved", 10_000, uk(2026, 3, 1, 9), AFTER, 10_000)
    # Sent a minute before the year; with the panel.
    application(laptops, "in_review", 40_000, BEFORE)
    draft = application(laptops, "draft", 40_000, None)
    at(uk(2025, 9, 1), application_withdraw, application=draft, by=draft.applicant)


@pytest.fixture
def everything(money_data, volunteer_data, matching_data, grants_data):
    return f.figures(YEAR)


# --- Money ---------------------------------------------------------------------------------------


def test_money_received_by_route_less_refunds_and_disputes(money_data):
    money = f.money(YEAR)
    # Card: Amir's gift at the first moment and Eve's (not Amir's a minute before), less its refund.
    assert money.gross_pence == {
        "card": 1800,
        "direct_debit": 2000,
        "payroll": 500,
        "campaigns": 5000,
    }
    assert money.taken_back_pence == {
        "card": -1000,
        "direct_debit": -2000,
        "payroll": 0,
        "campaigns": 0,
    }
    assert money.received_pence == {
        "card": 800,
        "direct_debit": 0,
        "payroll": 500,
        "campaigns": 5000,
    }
    assert money.total_received_pence == 6300
    assert (money.refunds_pence, money.disputes_pence) == (-1000, -2000)


def test_a_gift_at_2330_bst_on_5_april_is_in_the_year_it_ends_and_midnight_is_in_the_next(
    money_data,
):
    assert f.money(YEAR).gross_pence["direct_debit"] == 2000
    assert f.money(Period.tax_year(2026)).gross_pence["direct_debit"] == 2000  # the one at midnight
    assert f.money(Period.tax_year(2024)).gross_pence["card"] == 1000  # Amir's a minute before


def test_the_payroll_gift_is_placed_by_its_pay_date(money_data):
    paid = Donation.objects.get(kind="payroll")
    assert paid.paid_at.date() == dt.date(2026, 3, 31)  # the last working day of March
    assert (
        f.money(Period.between(dt.date(2026, 3, 31), dt.date(2026, 3, 31))).gross_pence["payroll"]
        == 500
    )
    assert (
        f.money(Period.between(dt.date(2026, 3, 1), dt.date(2026, 3, 30))).gross_pence["payroll"]
        == 0
    )


def test_all_time_money_is_the_funds_income(money_data):
    everything = f.money(Period.all_time())
    assert everything.total_received_pence == money_received_pence() == 12_300 - 3_500


def test_givers_and_councillors_giving(money_data):
    money = f.money(YEAR)
    assert money.givers == 5  # Amir, Bea, Cal, Dee, Eve
    assert money.councillors_giving == 2  # Bea and Dee


def test_gift_aid_claimed_and_still_to_claim(money_data):
    money = f.money(YEAR)
    assert money.gift_aid_claimed_on_pence == 5000
    assert money.gift_aid_claimed_pence == 1250
    # Eve's £8 only: Amir's was refunded, Dee's is claimed, Bea has no declaration, Cal's is pay.
    assert f.gift_aid_to_claim_pence(YEAR) == 200


def test_monthly_givers_are_pledges_active_at_the_end_of_the_period(money_data):
    giving = f.monthly_giving(YEAR)
    assert (giving.givers, giving.pledges, giving.monthly_pence) == (2, 2, 1500)  # Amir, Cal
    assert f.monthly_giving(Period.tax_year(2026)).givers == 2  # Cal and Eve; Amir cancelled


# --- Volunteers ----------------------------------------------------------------------------------


def test_volunteers_by_stage_at_the_end_of_the_period(volunteer_data):
    v = f.volunteering(YEAR)
    assert v.by_stage == {
        "applied": 2, "references": 1, "dbs": 0, "training": 0, "active": 2, "paused": 0, "left": 0,
    }  # fmt: skip
    assert v.applied == 4  # the earlier and the later applicant are outside the year
    assert Volunteer.objects.get(pk=volunteer_data["references"].pk).status == "left"


def test_cleared_dbs_and_training_compliance(volunteer_data):
    v = f.volunteering(YEAR)
    assert v.cleared == 1  # the one whose DBS check fell due on 1 March 2026 is not
    assert v.active_with_current_dbs == 1
    assert v.active_with_training_in_date == 2
    # In February only the second was active (the first applied in March), and still current.
    february = f.volunteering(Period.between(dt.date(2026, 2, 1), dt.date(2026, 2, 28)))
    assert (february.active, february.active_with_current_dbs) == (1, 1)


def test_dbs_current_since_follows_the_clearance_rules_renewal_date():
    assert f.dbs_current_since(dt.date(2026, 3, 1), 3) == dt.date(2023, 3, 2)
    assert f.dbs_current_since(dt.date(2026, 2, 28), 3) == dt.date(2023, 3, 1)
    # A certificate issued on 29 February 2024 is due again on 28 February 2027.
    assert f.dbs_current_since(dt.date(2027, 2, 28), 3) == dt.date(2024, 3, 1)
    assert f.dbs_current_since(dt.date(2027, 2, 27), 3) == dt.date(2024, 2, 28)


# --- Young people, matches, sessions, come along ---------------------------------------------------


def test_young_people_referred_matched_and_matches_active_and_closed(matching_data):
    m = f.matching(YEAR)
    assert m.referred == 2  # Ada at the first moment, Ben at 23:30 BST on 5 April
    assert m.matched == 2  # Ada and Ben were introduced in the year; Cat before it
    assert m.matches_active == 2  # Ada's (active) and Ben's (introduced) at the end
    assert m.matches_closed == 2
    assert m.closed_reasons == {"No reason recorded": 1, "Young person moved away": 1}
    assert (m.sessions, m.session_minutes) == (2, 150)


def test_come_along_activities_and_places_booked(matching_data):
    c = f.come_along(YEAR)
    assert (c.activities, c.places_offered, c.places_booked) == (1, 10, 3)


# --- Grants ----------------------------------------------------------------------------------------


def test_grant_applications_by_outcome_and_category(grants_data):
    g = f.grants(YEAR)
    assert g.sent == 5  # not the one sent a minute before, nor the draft
    assert g.by_outcome == {"approved": 1, "part_approved": 1, "declined": 1, "withdrawn": 1}
    assert g.by_category == {
        "Driving lessons": {"decided": 2, "approved": 1, "awarded_pence": 30_000},
        "Laptops": {"decided": 1, "approved": 1, "awarded_pence": 20_000},
    }
    assert g.awarded_pence == 50_000
    assert (g.paid, g.paid_pence) == (1, 30_000)


def test_median_days_from_sending_to_decision_in_uk_days(grants_data):
    assert f.grants(YEAR).median_days_to_decision == 10  # of 10, 20 and 3
    assert (
        f.grants(Period.between(dt.date(2025, 5, 1), dt.date(2025, 5, 31))).median_days_to_decision
        == 10
    )
    assert f.grants(Period.tax_year(2027)).median_days_to_decision is None


# --- All of them -------------------------------------------------------------------------------------


def test_figures_gathers_every_figure_and_the_fund_balance(everything):
    assert everything.period == YEAR
    assert everything.money.total_received_pence == 6300
    assert everything.gift_aid_to_claim_pence == 200
    assert everything.volunteering.active == 2
    assert everything.matching.matched == 2
    assert everything.come_along.places_booked == 3
    assert everything.grants.awarded_pence == 50_000
    # Today's balance: all money received (8,800) less committed (the unpaid 10,000) and paid.
    assert (everything.fund.received_pence, everything.fund.committed_pence) == (8_800, 10_000)
    assert everything.fund.paid_pence == 50_000


def test_figures_take_the_same_few_queries_however_much_data(
    money_data, volunteer_data, matching_data, grants_data, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as small:
        f.figures(YEAR)
    donor = UserFactory(kind=User.Kind.COUNCILLOR, directorate="")
    for n in range(30):
        gift(donor, "campaign", 100 + n, uk(2025, 9, 1, 12, n))
    for n in range(5):
        at(uk(2025, 11, 1, 9, n), applicant)
    with django_assert_max_num_queries(26):
        bigger = f.figures(YEAR)
    with CaptureQueriesContext(connection) as large:
        f.figures(YEAR)
    assert len(large) == len(small)
    assert bigger.money.councillors_giving == 3
    assert bigger.volunteering.applied == 9


# --- Small numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "shown"), [(0, "0"), (1, "fewer than 5"), (4, "fewer than 5"), (5, "5"), (1234, "1,234")]
)
def test_small_numbers_are_shown_as_fewer_than_5(n, shown):
    assert f.suppressed(n) == shown


@override_settings(IMPACT_SMALL_NUMBER_THRESHOLD=10)
def test_the_small_number_threshold_is_a_setting():
    assert f.suppressed(9) == "fewer than 10"
    assert f.suppressed(10) == "10"
    assert f.suppressed(3, threshold=3) == "3"


# --- On the demo, the figures agree with the apps' own screens ----------------------------------------


def test_on_the_demo_the_figures_agree_with_what_each_app_shows(db):
    """After `load_demo`, all time: the money is the fund's income, the fund balance is grants'
    own, and each stage or status read from the logs at today is the status each record has now
    (the coordinators' lists count those)."""
    from django.core.management import call_command

    from grants.fund import fund_balance

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    today = f.figures(Period.all_time())
    assert today.money.total_received_pence == money_received_pence()  # the demo has no gifts yet
    assert sum(today.volunteering.by_stage.values()) == Volunteer.objects.count() > 0
    assert today.fund == fund_balance()
    for stage, n in today.volunteering.by_stage.items():
        assert n == Volunteer.objects.filter(status=stage).count(), stage
    assert today.monthly_giving.pledges == Pledge.objects.filter(status="active").count()
    assert today.matching.matches_active == Match.objects.filter(status__in=Match.WORKING).count()
    assert today.matching.referred == YoungPerson.objects.count()
    assert today.matching.matches_closed == Match.objects.filter(status="closed").count()
    assert today.grants.sent == Application.objects.filter(submitted_at__isnull=False).count()


# --- Month by month (the charts) ------------------------------------------------------------------


def test_money_in_by_month_adds_up_to_the_years_money_in_uk_months(money_data):
    # 00:30 BST on 1 September is 23:30 UTC on 31 August: September in the UK.
    gift(UserFactory(), "campaign", 700, uk(2025, 9, 1, 0, 30))
    series = f.money_in_by_month(YEAR)
    by_month = {m.start: p for m, p in series.rows()}
    assert [m.label for m in series.months][:2] == ["Apr 2025", "May 2025"]
    assert len(series.months) == 13  # April 2025 to April 2026 (the year ends on 5 April)
    assert by_month[dt.date(2025, 4, 1)] == 1000  # Amir's at the first moment, not the one before
    assert by_month[dt.date(2025, 5, 1)] == -1000  # its refund, in the month of the refund
    assert by_month[dt.date(2025, 8, 1)] == 800
    assert by_month[dt.date(2025, 9, 1)] == 700
    assert by_month[dt.date(2026, 1, 1)] == -2000  # Bea's dispute
    assert by_month[dt.date(2026, 4, 1)] == 2000  # Bea's at 23:30 BST on 5 April
    assert series.total_pence == f.money(YEAR).total_received_pence


def test_grants_out_by_month_are_the_payments_in_the_period(grants_data):
    series = f.grants_out_by_month(YEAR)
    by_month = {m.start: p for m, p in series.rows()}
    assert by_month[dt.date(2025, 5, 1)] == 30_000
    assert dt.date(2026, 4, 6) > YEAR.end and series.total_pence == f.grants(YEAR).paid_pence
