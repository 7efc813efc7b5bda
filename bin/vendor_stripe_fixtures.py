"""Refresh pledges/stripe_fixtures.json from Stripe's own published examples.

    git -C /path/to/stripe-openapi show HEAD:openapi/fixtures3.json > /tmp/fixtures3.json
    .venv/bin/python bin/vendor_stripe_fixtures.py /tmp/fixtures3.json COMMIT

Keeps the resources No Limits uses, drops any field the installed stripe SDK (generated for the
API version it pins) does not have, and leaves everything else as Stripe published it.
stripe/openapi is MIT-licensed.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pledges.stripe_schema import problems  # noqa: E402

KEEP = [
    "checkout.session", "subscription", "subscription_item", "price", "product", "invoice",
    "invoice_payment", "charge", "refund", "dispute", "payout", "balance_transaction",
    "payment_method", "payment_intent", "mandate", "event", "billing_portal.session",
]  # fmt: skip


def _drop(obj, path: str) -> None:
    parts = [p for p in re.split(r"\.|\[(\d+)\]", path.split(":")[0]) if p]
    for part in parts[:-1]:
        obj = obj[int(part)] if part.isdigit() else obj[part]
    obj.pop(parts[-1], None)


def main(source: str, commit: str) -> None:
    resources = json.loads(Path(source).read_text())["resources"]
    kept = {}
    for name in KEEP:
        obj = resources[name]
        if name == "charge":
            obj["source"] = None  # a deprecated Sources object the SDK types as an Account
        if name == "event":
            obj["data"]["object"] = {}
        for problem in problems(obj):
            _drop(obj, problem)
        kept[name] = obj
    out = {
        "_source": f"stripe/openapi openapi/fixtures3.json at commit {commit} (MIT licence): "
        "the resources No Limits uses, less fields the pinned SDK does not have",
        "resources": kept,
    }
    (ROOT / "pledges" / "stripe_fixtures.json").write_text(
        json.dumps(out, indent=1, sort_keys=True) + "\n"
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
