"""Giving money: pledges, gifts (one row per money movement), Gift Aid, payroll, Stripe events.

Money is integer pence in GBP. Every money row is unique on its Stripe id, so an event that
arrives twice, late or out of order cannot count the same money twice.

One module per concern; every name is importable from here (`from pledges.models import Pledge`),
as Django and the migrations expect.
"""

from pledges.models.campaigns import CampaignPage, CampaignTotal
from pledges.models.common import (
    CURRENCY,
    PAYMENT_METHOD_LABELS,
    count_of,
    payment_method_label,
    yes_no,
)
from pledges.models.events import StripeEvent, StripeEventStatusChange, StripeProduct
from pledges.models.gift_aid import (
    POSTCODE_RE,
    GiftAidClaim,
    GiftAidDeclaration,
    GiftAidDeclarationQuerySet,
)
from pledges.models.gifts import Adjustment, Donation, DonationStatusChange, PayoutLine
from pledges.models.payroll import PayrollRun
from pledges.models.pledges import EMPLOYEE_NUMBER_RE, Pledge, PledgeStatusChange
from pledges.models.site_settings import GivingSettings

__all__ = [
    "CURRENCY",
    "EMPLOYEE_NUMBER_RE",
    "PAYMENT_METHOD_LABELS",
    "POSTCODE_RE",
    "Adjustment",
    "CampaignPage",
    "CampaignTotal",
    "Donation",
    "DonationStatusChange",
    "GiftAidClaim",
    "GiftAidDeclaration",
    "GiftAidDeclarationQuerySet",
    "GivingSettings",
    "PayoutLine",
    "PayrollRun",
    "Pledge",
    "PledgeStatusChange",
    "StripeEvent",
    "StripeEventStatusChange",
    "StripeProduct",
    "count_of",
    "payment_method_label",
    "yes_no",
]
