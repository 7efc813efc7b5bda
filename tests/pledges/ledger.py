"""The whole ledger as plain values, to compare two runs field for field."""

from pledges.models import Adjustment, Donation, GiftAidDeclaration, PayoutLine, Pledge
from pledges.selectors import money_received_pence

DONATION_FIELDS = [
    "kind", "pledge__uuid", "campaign_id", "amount_pence", "status", "paid_at", "payment_method_type",
    "stripe_checkout_session_id", "stripe_invoice_id", "stripe_payment_intent_id",
    "stripe_customer_id", "stripe_charge_id", "fee_pence", "net_pence", "payout_id",
    "refunded_pence", "disputed",
]  # fmt: skip
PLEDGE_FIELDS = [
    "uuid", "status", "amount_pence", "stripe_subscription_id", "stripe_customer_id",
    "stripe_subscription_status", "payment_method_type", "stripe_payment_method_id",
    "next_payment_on", "cancelled_at", "cancellation_reason",
]  # fmt: skip


def snapshot() -> dict:
    return {
        "pledges": sorted(Pledge.objects.values_list(*PLEDGE_FIELDS), key=str),
        "gifts": sorted(Donation.objects.values_list(*DONATION_FIELDS), key=str),
        "adjustments": sorted(
            Adjustment.objects.values_list(
                "stripe_id", "kind", "donation__stripe_payment_intent_id", "amount_pence", "status"
            )
        ),
        "payout_lines": sorted(
            PayoutLine.objects.values_list(
                "balance_transaction_id",
                "payout_id",
                "type",
                "charge_id",
                "payment_intent_id",
                "amount_pence",
                "fee_pence",
                "net_pence",
            )
        ),  # fmt: skip
        "declarations": sorted(
            (d, waiting, cancelled is not None)
            for d, waiting, cancelled in GiftAidDeclaration.objects.values_list(
                "donor_id", "awaiting_payment", "cancelled_at"
            )
        ),
        "fund": money_received_pence(),
    }
