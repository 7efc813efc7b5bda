"""My giving's lists are kept drawn in the cache until the giver's data changes (issue 17,
nolimits.kept_lists). What moves the version is the database's own triggers, so these tests
change the rows every way the code (or a person at a database prompt) can: a save, update(),
a bulk write, raw SQL, a delete, and Stripe's own events through the webhook. Each then reads
My giving through the real view, as the giver would. Run on SQLite and PostgreSQL."""

import datetime as dt

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from nolimits import kept_lists
from pledges.models import (
    Adjustment,
    CampaignPage,
    Donation,
    GiftAidClaim,
    GiftAidDeclaration,
    Pledge,
)
from pledges.services.gift_aid import _mark_claimed
from tests.factories import UserFactory
from tests.pledges.conftest import history_for
from tests.pledges.fake_stripe import refund_history

pytestmark = pytest.mark.django_db
MY_GIVING = "/pledges/my-giving/"


def version(person) -> int:
    return kept_lists.version_of(person.pk)[0]


def entry(person):
    return kept_lists.entry(person.pk, "my_giving")


@pytest.fixture
def giver(home):
    donor = UserFactory(full_name="Gwen Giver")
    pledge = Pledge.objects.create(
        donor=donor, method=Pledge.Method.STRIPE, amount_pence=1500, status="active"
    )
    Donation.objects.create(
        donor=donor,
        kind="monthly",
        pledge=pledge,
        amount_pence=1500,
        status="succeeded",
        paid_at=timezone.now() - dt.timedelta(days=3),
    )
    client = Client()
    client.force_login(donor)
    return donor, client


def page(client) -> str:
    response = client.get(MY_GIVING)
    assert response.status_code == 200
    return response.content.decode()


def test_the_second_view_is_drawn_from_the_kept_lists_with_fewer_queries(giver):
    donor, client = giver
    page(client)  # the site's first page ever makes its settings rows, a new generation
    first = page(client)
    assert entry(donor)["stamp"]["version"][0] == version(donor) > 0
    with CaptureQueriesContext(connection) as drawn_again:
        again = page(client)
    assert again == first
    assert "{#" not in first and "#}" not in first  # no template comment shown as text
    kept_lists.forget(donor.pk)
    with CaptureQueriesContext(connection) as drawn:
        assert page(client) == first
    assert len(drawn_again) <= len(drawn) - 4


def test_what_is_kept_holds_no_form_token_and_no_one_elses_gifts(giver):
    donor, client = giver
    other = UserFactory(full_name="Otto Other")
    other.donations.create(
        kind="single", amount_pence=4321, status="succeeded", paid_at=timezone.now()
    )
    page(client)
    other_client = Client()
    other_client.force_login(other)
    theirs = page(other_client)
    assert "£43.21" in theirs and "£15" not in theirs
    mine = page(client)
    assert "£15" in mine and "£43.21" not in mine
    kept = repr(entry(donor)["value"])
    assert "csrfmiddlewaretoken" not in kept and "£43.21" not in kept


def changed_every_way(donor):
    """Each way a giver's rows can change, one after another (each a function of no arguments)."""
    gift = donor.donations.get()
    pledge = donor.pledges.get()
    table = connection.ops.quote_name(Donation._meta.db_table)
    return [
        ("a save", lambda: Donation.objects.filter(pk=gift.pk).get().save(), None),
        (
            "update()",
            lambda: Donation.objects.filter(pk=gift.pk).update(amount_pence=2500),
            "£25",
        ),
        (
            "a bulk write",
            lambda: Donation.objects.bulk_create(
                [
                    Donation(
                        donor=donor,
                        kind="single",
                        amount_pence=3100,
                        status="succeeded",
                        paid_at=timezone.now(),
                    )
                ]
            ),
            "£31",
        ),  # fmt: skip
        (
            "raw SQL",
            lambda: connection.cursor().execute(
                f"UPDATE {table} SET amount_pence = 2600 WHERE id = %s",  # noqa: S608
                [gift.pk],
            ),
            "£26",
        ),
        (
            "a refund",
            lambda: Adjustment.objects.create(
                donation=gift, kind="refund", stripe_id="re_kept_1", amount_pence=-500
            ),
            "Refund",
        ),
        (
            "the pledge's new amount",
            lambda: Pledge.objects.filter(pk=pledge.pk).update(amount_pence=1700),
            "£17 a month",
        ),
        (
            "a Gift Aid declaration",
            lambda: GiftAidDeclaration.objects.create(
                donor=donor,
                wording="I want to Gift Aid",
                charity_name="No Limits",
                first_name="Gwen",
                last_name="Giver",
                house_name_or_number="7",
                postcode="LS1 1AA",
            ),
            "Gift Aid is added to your gifts",
        ),  # fmt: skip
        (
            "a gift deleted",
            lambda: Donation.objects.filter(amount_pence=3100).delete(),
            None,
        ),
    ]


def test_every_way_a_givers_rows_change_shows_at_once(giver):
    donor, client = giver
    for name, change, shown in changed_every_way(donor):
        before_page, before = page(client), version(donor)
        change()
        assert version(donor) > before, name
        after = page(client)
        if shown:
            assert shown in after and shown not in before_page, name
    assert "£31" not in page(client)  # the deleted gift went


def test_every_column_of_a_gift_but_its_gift_aid_claim_moves_the_version(giver):
    """The gifts' update trigger lists its columns (so that marking 100,000 gifts claimed does
    not move 100,000 versions): every column the model has now, but the claim, must be there."""
    donor, _client = giver
    gift = donor.donations.get()
    table = connection.ops.quote_name(Donation._meta.db_table)
    for field in Donation._meta.concrete_fields:
        column = connection.ops.quote_name(field.column)
        before = version(donor)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {column} = {column} WHERE id = %s",  # noqa: S608
                [gift.pk],
            )
        moved = version(donor) > before
        assert moved == (field.name != "gift_aid_claim"), field.name


def test_marking_gifts_claimed_leaves_the_version_alone(giver):
    donor, _client = giver
    gift = donor.donations.get()
    claim = GiftAidClaim.objects.create(
        reference="GA-KEPT-1",
        period_start=dt.date(2026, 4, 6),
        period_end=dt.date(2027, 4, 5),
        created_by=UserFactory(),
    )
    before = version(donor)
    assert _mark_claimed([gift.pk], claim) == 1
    assert version(donor) == before


def test_a_refund_stripe_tells_after_a_view_shows_on_the_next(
    post_event, pledge, fake_stripe, client, home
):
    """Stripe's own shapes, through the webhook: the giver looks, Stripe refunds, the giver looks
    again and sees the refund (no kept list outlives the change)."""
    for event in history_for(pledge, fake_stripe, months=1):
        post_event(event)
    client.force_login(pledge.donor)
    assert "Refund" not in page(client)
    assert entry(pledge.donor) is not None
    for event in refund_history(
        fake_stripe,
        charge_id="ch_sub_test_1_0",
        payment_intent="pi_sub_test_1_0",
        charge_amount=1000,
        refunds=[("re_a", 300)],
        base=1_785_000_000,
    ):
        post_event(event)
    assert '<strong class="govuk-tag govuk-tag--grey">Refund</strong>' in page(client)


def test_a_campaigns_new_title_shows(giver, home):
    """A campaign's title comes from its page: publishing a new one moves the page-cache
    generation, which a kept list is checked against too."""
    donor, client = giver
    campaign = CampaignPage(
        title="Summer Appeal", slug="summer-appeal", summary="Books.", target_pence=10_000,
        starts_on=timezone.localdate() - dt.timedelta(days=1),
    )  # fmt: skip
    home.add_child(instance=campaign)
    campaign.save_revision().publish()
    donor.donations.create(
        kind="campaign", campaign=campaign, amount_pence=900, status="succeeded",
        paid_at=timezone.now(),
    )  # fmt: skip
    assert "Summer Appeal" in page(client)
    campaign.title = "Books for the summer"
    campaign.save_revision().publish()
    shown = page(client)
    assert "Books for the summer" in shown and "Summer Appeal" not in shown


def test_nothing_is_kept_inside_a_transaction_of_ours(giver):
    """A list kept inside a transaction that then rolls back would be kept under a version the
    next change reuses, showing rows that never were."""
    donor, client = giver
    request = client.get(MY_GIVING).wsgi_request
    kept_lists.forget(donor.pk)
    request.nolimits_cache_found = None
    with transaction.atomic():
        kept_lists.kept(request, "my_giving", lambda: {"shown": "rolled back"})
    assert entry(donor) is None
