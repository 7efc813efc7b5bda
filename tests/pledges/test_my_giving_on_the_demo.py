"""My giving on a demo that has been used (every settings row saved): the page of the giver with
the most gifts answers, every gift listed opens its receipt, every tax year its statement."""

import re

from django.db.models import Count

import pytest

from nolimits.models import User
from pledges.models import Donation
from tests.volunteers.test_demo_screens import opens, used_demo  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def test_the_demo_givers_gifts_receipts_and_statements_open(client, used_demo):  # noqa: F811
    # The demo's history gives many people gifts: the one with the most.
    donor = User.objects.annotate(gifts=Count("donations")).order_by("-gifts").first()
    assert donor.gifts > 10
    client.force_login(donor)
    page = opens(client, "/pledges/my-giving/")
    receipts = re.findall(r'href="(/pledges/receipt/[0-9a-f-]+/)"', page)
    listed = donor.donations.filter(status__in=["succeeded", "processing"]).count()
    assert 0 < len(receipts) <= listed
    assert len(set(receipts)) == len(receipts)
    assert all(
        Donation.objects.filter(uuid=r.split("/")[3], donor=donor).exists() for r in receipts
    )
    for receipt in receipts:
        assert "Receipt" in opens(client, receipt)
    statements = re.findall(r'href="(/pledges/statement/\d{4}/)"', page)
    assert statements
    for statement in statements:
        opens(client, statement)
