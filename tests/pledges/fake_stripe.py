"""Stripe faked at the SDK's HTTP seam: StripeClient(http_client=FakeStripeHTTP(...))."""

import json
from urllib.parse import parse_qs, urlparse

import stripe


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

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        path = urlparse(url).path
        self.calls.append(
            {
                "method": method.upper(),
                "path": path,
                "headers": dict(headers or {}),
                "params": parse_qs(post_data or ""),
            }
        )
        if self.fail_with is not None:
            raise self.fail_with
        body = self.responses.get((method.upper(), path))
        if body is None:
            return (
                json.dumps(
                    {
                        "error": {
                            "type": "invalid_request_error",
                            "message": f"no fake for {method} {path}",
                        }
                    }
                ),
                404,
                {},
            )
        return json.dumps(body), 200, {"request-id": "req_fake"}

    def request_stream(self, method, url, headers, post_data=None, *, _usage=None):
        raise AssertionError("not used")

    def close(self):
        pass


def client_with(http: FakeStripeHTTP) -> stripe.StripeClient:
    return stripe.StripeClient("sk_test_fake", http_client=http, max_network_retries=0)
