"""Triggers that move a giver's data version (nolimits.PersonDataVersion) whenever their pledges,
gifts, refunds and disputes, or Gift Aid declarations change: what My giving's kept lists are
checked against (nolimits.kept_lists)."""

from django.db import migrations

from nolimits.migration_helpers import run_person_version_triggers

# Every column of a gift but the Gift Aid claim it was put in: marking 100,000 gifts claimed is
# one UPDATE of that column alone, and My giving does not show it.
# tests/pledges/test_my_giving_kept.py checks that every other column of the model moves the version.
GIFT_COLUMNS = [
    "id", "uuid", "donor_id", "kind", "pledge_id", "campaign_id", "amount_pence", "currency",
    "status", "created_at", "paid_at", "payment_method_type", "stripe_checkout_session_id",
    "stripe_invoice_id", "stripe_payment_intent_id", "stripe_customer_id", "stripe_charge_id",
    "fee_pence", "net_pence", "payout_id", "payroll_month", "refunded_pence", "disputed",
]  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("nolimits", "0006_person_data_version"),
        ("pledges", "0008_gift_by_donor_index"),
    ]

    operations = [
        run_person_version_triggers(
            [
                {
                    "name": "nl_version_gift",
                    "table": "pledges_donation",
                    "person": "{row}.donor_id",
                    "columns": GIFT_COLUMNS,
                },
                {
                    "name": "nl_version_refund",
                    "table": "pledges_adjustment",
                    "person": "(SELECT donor_id FROM pledges_donation WHERE id = {row}.donation_id)",
                },
                {
                    "name": "nl_version_pledge",
                    "table": "pledges_pledge",
                    "person": "{row}.donor_id",
                },
                {
                    "name": "nl_version_gift_aid",
                    "table": "pledges_giftaiddeclaration",
                    "person": "{row}.donor_id",
                },
            ]
        ),
    ]
