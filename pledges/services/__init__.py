"""Every action that changes giving data, one module per concern. Views, the webhook, admin
screens and tasks call these; the names are importable from `pledges.services` itself.

- pledges: monthly pledges (make, change, cancel) and their status
- gifts: one-off campaign gifts
- gift_aid: declarations and HMRC claims
- payroll: giving from pay, payroll runs and exports
- events: the Stripe inbox (ingest, apply, retry); reconcile: catching missed events
- campaign totals (pledges/campaign_totals.py, below the event handlers that call it): a
  campaign's stored total, recounted from the ledger
"""

from pledges.campaign_totals import campaign_total_recount
from pledges.services.events import (
    MAX_EVENT_ATTEMPTS,
    BadWebhook,
    retry_gap,
    stripe_event_ingest,
    stripe_event_process,
    stripe_event_store,
    stripe_events_needing_attention,
    stripe_events_retry_failed,
)
from pledges.services.gift_aid import (
    DeclarationDetails,
    declaration_cancel,
    declaration_in_force,
    declaration_make,
    gift_aid_claim_prepare,
    save_with_declaration,
)
from pledges.services.gifts import gift_create
from pledges.services.payroll import (
    payroll_export_rows,
    payroll_pay_date,
    payroll_pledge_create,
    payroll_pledges_for,
    payroll_run_confirm,
)
from pledges.services.pledges import (
    amount_check,
    derive_status,
    donor_stripe_customer,
    pledge_cancel,
    pledge_change_amount,
    pledge_create,
    pledge_refresh_status,
    pledge_set_status,
    portal_url,
)
from pledges.services.reconcile import stripe_reconcile

__all__ = [
    "MAX_EVENT_ATTEMPTS",
    "BadWebhook",
    "DeclarationDetails",
    "amount_check",
    "campaign_total_recount",
    "declaration_cancel",
    "declaration_in_force",
    "declaration_make",
    "derive_status",
    "donor_stripe_customer",
    "gift_aid_claim_prepare",
    "gift_create",
    "payroll_export_rows",
    "payroll_pay_date",
    "payroll_pledge_create",
    "payroll_pledges_for",
    "payroll_run_confirm",
    "pledge_cancel",
    "pledge_change_amount",
    "pledge_create",
    "pledge_refresh_status",
    "pledge_set_status",
    "portal_url",
    "retry_gap",
    "save_with_declaration",
    "stripe_event_ingest",
    "stripe_event_process",
    "stripe_event_store",
    "stripe_events_needing_attention",
    "stripe_events_retry_failed",
    "stripe_reconcile",
]
