"""Stripe faked at the SDK's HTTP seam: StripeClient(http_client=FakeStripeHTTP(...)).

The fake answers the SDK's requests the way Stripe's API does, from a small store of
real-shaped objects (built by pledges.stripe_payloads from Stripe's published examples): GET an
object by id (with `expand`), list invoice payments by invoice, refunds by charge, balance
transactions by payout (with `expand[]=data.source`), and events by type and time. Every object it
serves is checked against the SDK's schema for the pinned API version (stripe_schema.problems),
so a test fails as soon as one of our payloads has a field Stripe's object does not have.
"""

from __future__ import annotations

import copy
import json
import re
from urllib.parse import parse_qs, urlparse

import stripe

from pledges import stripe_payloads as payloads
from tests.pledges.stripe_schema import CLASSES, event_problems, problems


class FakeStripeHTTP(stripe.HTTPClient):
    name = "fake"

    def __init__(
        self,
        responses: dict[tuple[str, str], dict] | None = None,
        fail_with: Exception | None = None,
    ):
        super().__init__()
        self.responses = responses or {}
        self.fail_with = fail_with
        self.calls: list[dict] = []
        self.objects: dict[str, dict] = {}
        self.payouts: dict[str, list[str]] = {}  # payout id -> balance transaction ids
        self.events: list[dict] = []

    # --- what Stripe holds ---------------------------------------------------------------

    def add(self, *objects: dict) -> None:
        for obj in objects:
            found = problems(obj)
            assert not found, f"not Stripe's shape: {found}"
            self.objects[obj["id"]] = obj

    def add_payout(self, payout: dict, transactions: list[dict]) -> None:
        self.add(payout, *transactions)
        self.payouts[payout["id"]] = [t["id"] for t in transactions]

    def add_events(self, *events: dict) -> None:
        for event in events:
            found = event_problems(event)
            assert not found, f"not Stripe's shape: {found}"
            self.events.append(event)

    # --- the HTTP seam ----------------------------------------------------------------------

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        parsed = urlparse(url)
        query = parse_qs(parsed.query)
        self.calls.append(
            {
                "method": method.upper(),
                "path": parsed.path,
                "query": query,
                "headers": dict(headers or {}),
                "params": parse_qs(post_data or ""),
            }
        )
        if self.fail_with is not None:
            raise self.fail_with
        body = self.responses.get((method.upper(), parsed.path))
        if body is None:
            body = self._route(method.upper(), parsed.path, query)
        if body is None:
            error = {"type": "invalid_request_error", "message": f"no fake for {method} {url}"}
            return json.dumps({"error": error}), 404, {}
        if isinstance(body, dict) and str(body.get("object")) in (*CLASSES, "list"):
            found = problems(body) if body.get("object") != "list" else []
            for n, item in enumerate(
                body.get("data") or [] if body.get("object") == "list" else []
            ):
                found += problems(item, path=f"data[{n}]")
            assert not found, f"the fake was given a shape Stripe does not have: {found}"
        return json.dumps(body), 200, {"request-id": "req_fake"}

    def _expand(self, obj: dict, fields: list[str]) -> dict:
        obj = copy.deepcopy(obj)
        for field in fields:
            if field.startswith("data."):
                continue
            value = obj.get(field)
            if isinstance(value, str) and value in self.objects:
                obj[field] = copy.deepcopy(self.objects[value])
        return obj

    def _list(self, path: str, items: list[dict], expand: list[str]) -> dict:
        inner = [f.removeprefix("data.") for f in expand if f.startswith("data.")]
        return payloads.list_of([self._expand(item, inner) for item in items], path)

    def _route(self, method: str, path: str, query: dict) -> dict | None:
        expand = [v for k, vs in query.items() if k.startswith("expand") for v in vs]
        match = re.fullmatch(r"/v1/([a-z_]+)/([A-Za-z0-9_]+)", path)
        if method == "GET" and match:
            obj = self.objects.get(match.group(2))
            return self._expand(obj, expand) if obj else None
        if method != "GET":
            return None
        one = {k: v[0] for k, v in query.items()}
        objects = list(self.objects.values())
        if path == "/v1/invoice_payments":
            return self._list(
                path,
                [
                    o
                    for o in objects
                    if o["object"] == "invoice_payment" and o["invoice"] == one.get("invoice")
                ],
                expand,
            )
        if path == "/v1/refunds":
            return self._list(
                path,
                [
                    o
                    for o in objects
                    if o["object"] == "refund" and o["charge"] == one.get("charge")
                ],
                expand,
            )
        if path == "/v1/balance_transactions":
            ids = self.payouts.get(one.get("payout", ""), [])
            return self._list(path, [self.objects[i] for i in ids], expand)
        if path == "/v1/events":
            types = {v for k, vs in query.items() if k.startswith("types") for v in vs}
            since = int(one.get("created[gte]", 0))
            chosen = [
                e
                for e in self.events
                if e["created"] >= since and (not types or e["type"] in types)
            ]
            chosen.sort(key=lambda e: e["created"], reverse=True)  # newest first, like Stripe
            return payloads.list_of(chosen, path)
        return None

    def request_stream(self, method, url, headers, post_data=None, *, _usage=None):
        raise AssertionError("not used")

    def close(self):
        pass


def client_with(http: FakeStripeHTTP) -> stripe.StripeClient:
    return stripe.StripeClient("sk_test_fake", http_client=http, max_network_retries=0)


# --- Whole histories, as Stripe would hold and send them ---------------------------------------


def payment(
    fake: FakeStripeHTTP,
    *,
    key: str,
    amount: int,
    method: str = "card",
    customer: str | None = None,
    metadata: dict | None = None,
) -> tuple[str, str]:
    """A succeeded payment Stripe holds: payment method, payment intent and charge.
    Returns (payment intent id, charge id)."""
    pm_id, pi_id, ch_id = f"pm_{key}", f"pi_{key}", f"ch_{key}"
    if pm_id not in fake.objects:
        fake.add(payloads.payment_method(pm_id=pm_id, type_=method, customer=customer))
    fake.add(
        payloads.payment_intent(
            pi_id=pi_id,
            amount=amount,
            payment_method=pm_id,
            charge_id=ch_id,
            customer=customer,
            metadata=metadata,
        ),
        payloads.charge(
            charge_id=ch_id, payment_intent=pi_id, amount=amount, method=method, customer=customer
        ),
    )
    return pi_id, ch_id


def pledge_history(
    fake: FakeStripeHTTP,
    pledge,
    *,
    sub_id: str = "sub_test_1",
    customer: str = "cus_test_1",
    months: int = 2,
    base: int = 1_780_000_000,
    method: str = "card",
    amount: int | None = None,
) -> list[dict]:
    """The events Stripe sends for a pledge paid for `months` months, with the objects the app
    will ask Stripe for (payment method, invoice payments, payment intents, charges) in `fake`.
    Payment intent of month m: pi_<sub_id>_<m>; charge: ch_<sub_id>_<m>."""
    amount = amount or pledge.amount_pence
    meta = {"pledge": str(pledge.uuid)}
    pm_id = f"pm_{sub_id}"
    fake.add(payloads.payment_method(pm_id=pm_id, type_=method, customer=customer))
    bacs = method == "bacs_debit"
    session = payloads.checkout_session(
        session_id=pledge.stripe_checkout_session_id,
        mode="subscription",
        reference=str(pledge.uuid),
        metadata=meta,
        amount=amount,
        customer=customer,
        subscription=sub_id,
        payment_status="unpaid" if bacs else "paid",
    )
    events = [
        payloads.event(
            "checkout.session.completed", session, created=base, event_id=f"evt_{sub_id}_cs"
        ),
        payloads.event(
            "customer.subscription.created",
            payloads.subscription(
                sub_id=sub_id, customer=customer, amount=amount, metadata=meta, payment_method=pm_id
            ),
            created=base + 1,
            event_id=f"evt_{sub_id}_sc",
        ),
    ]
    if bacs:
        events.append(
            payloads.event(
                "checkout.session.async_payment_succeeded",
                {**session, "payment_status": "paid"},
                created=base + 5 * 86400,
                event_id=f"evt_{sub_id}_async",
            )
        )
    for month in range(months):
        paid_at = base + 2 + month * 2_592_000 + (5 * 86400 if bacs else 0)
        invoice_id = f"in_{sub_id}_{month}"
        pi_id, _ = payment(
            fake, key=f"{sub_id}_{month}", amount=amount, method=method, customer=customer
        )
        fake.add(
            payloads.invoice_payment(
                invoice_id=invoice_id, payment_intent=pi_id, amount=amount, paid_at=paid_at
            )
        )
        events.append(
            payloads.event(
                "invoice.paid",
                payloads.invoice(
                    invoice_id=invoice_id,
                    sub_id=sub_id,
                    customer=customer,
                    amount=amount,
                    metadata=meta,
                    paid_at=paid_at,
                    billing_reason="subscription_create" if month == 0 else "subscription_cycle",
                ),
                created=paid_at,
                event_id=f"evt_{sub_id}_in{month}",
            )
        )
    fake.add_events(*events)
    return events


def refund_history(
    fake: FakeStripeHTTP,
    *,
    charge_id: str,
    payment_intent: str,
    charge_amount: int,
    refunds: list[tuple[str, int]],
    base: int,
    refund_events: bool = True,
) -> list[dict]:
    """Refunds of one charge: one charge.refunded per refund (with the running total, and no
    list of refunds, as Stripe sends it), and refund.created for each if `refund_events`."""
    events, total = [], 0
    for n, (refund_id, amount) in enumerate(refunds):
        total += amount
        refund = payloads.refund(
            refund_id=refund_id,
            charge_id=charge_id,
            payment_intent=payment_intent,
            amount=amount,
            created=base + n * 100,
        )
        fake.add(refund)
        charge = payloads.charge(
            charge_id=charge_id,
            payment_intent=payment_intent,
            amount=charge_amount,
            amount_refunded=total,
        )
        fake.add(charge)
        events.append(
            payloads.event(
                "charge.refunded",
                charge,
                created=base + n * 100 + 1,
                event_id=f"evt_{refund_id}_ch",
            )
        )
        if refund_events:
            events.append(
                payloads.event(
                    "refund.created", refund, created=base + n * 100, event_id=f"evt_{refund_id}"
                )
            )
    fake.add_events(*events)
    return events


def payout_history(
    fake: FakeStripeHTTP,
    *,
    payout_id: str,
    charges: list[tuple[str, str, int, int]],
    created: int,
) -> dict:
    """A payout of (charge id, payment intent id, amount, fee) lines. Returns its payout.paid."""
    transactions = [
        payloads.balance_transaction(
            txn_id=f"txn_{charge_id.removeprefix('ch_')}", amount=amount, fee=fee, source=charge_id
        )
        for charge_id, _, amount, fee in charges
    ]
    net = sum(t["net"] for t in transactions)
    payout = payloads.payout(payout_id=payout_id, amount=net, arrival_date=created)
    payout_txn = payloads.balance_transaction(
        txn_id=f"txn_{payout_id.removeprefix('po_')}",
        amount=-net,
        fee=0,
        source=payout_id,
        type_="payout",
    )
    fake.add_payout(payout, [*transactions, payout_txn])
    event = payloads.event("payout.paid", payout, created=created, event_id=f"evt_{payout_id}")
    fake.add_events(event)
    return event
