""" "More information needed" is a loop: the applicant reads what the panel asked, changes an
answer, sends again; the application goes back to the panel, the reviewers are told, the
history says so. Through the real views."""

from django.core import mail

import pytest

from grants.models import Application

pytestmark = pytest.mark.django_db


def test_more_information_round_trip_through_the_views(
    client, home, send, panel, money, django_capture_on_commit_callbacks
):
    application = send()
    applicant = application.applicant
    member, chair = panel["member"], panel["chair"]
    admin_url = f"/admin/grants/application/{application.pk}/"

    client.force_login(member)
    client.post(
        admin_url, {"action": "review", "recommendation": "more_info", "comment": "Which school?"}
    )
    client.force_login(chair)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            admin_url,
            {
                "action": "decide",
                "outcome": "more_info",
                "message": "Which driving school will you use, and how much is each lesson?",
            },
        )
    assert response.status_code == 302
    asked = mail.outbox[-1]
    assert asked.to == [applicant.email] and "Which driving school" in asked.body

    client.force_login(applicant)
    status_url = f"/grant-applications/application/{application.uuid}/"
    page = client.get(status_url).content.decode()
    assert "The panel needs a bit more information" in page
    assert "Which driving school will you use" in page and "Change your answers" in page
    check = client.get(status_url + "check/").content.decode()
    assert "What the panel asked" in check and "Send application again" in check
    # Change an answer (from the check page, so it comes back to it) and send again.
    response = client.post(
        status_url + "quotes/?from=check",
        {"quotes_and_links": "Thamesbrook Driving School, £30 a lesson"},
    )
    assert response["Location"] == status_url + "check/"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(status_url + "check/")
    assert response["Location"] == status_url
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW
    assert application.quotes_and_links == "Thamesbrook Driving School, £30 a lesson"
    assert application.decision_message == "" and application.decided_at is None
    page = client.get(status_url).content.decode()
    assert "The panel is looking at your application" in page
    assert "You sent your application again, with more information, to the panel." in page
    told = {address for m in mail.outbox for address in m.to}
    assert {member.email, chair.email, applicant.email} <= told
    assert any("More information for" in m.subject and admin_url in m.body for m in mail.outbox)

    # Back with the panel: the member who reviewed before is waiting to review again, and the
    # chair can now decide.
    client.force_login(member)
    waiting = client.get("/admin/grants/applications/", {"waiting_for_me": "true"}).content.decode()
    assert application.reference in waiting
    history = client.get(admin_url).content.decode()
    assert "asked the applicant for more information" in history
    assert "sent the application again with more information" in history
    client.post(admin_url, {"action": "review", "recommendation": "yes", "comment": "Clear now"})
    waiting = client.get("/admin/grants/applications/", {"waiting_for_me": "true"}).content.decode()
    assert application.reference not in waiting
    client.force_login(chair)
    client.post(
        admin_url, {"action": "decide", "outcome": "approve", "amount": "300", "message": "Yes"}
    )
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED


def test_sending_again_still_needs_every_answer(client, home, send, panel, money):
    from grants import services

    application = send()
    services.review_record(
        application=application,
        reviewer=panel["chair"],
        conflict_of_interest=False,
        recommendation="more_info",
    )
    services.application_decide(
        application=application, by=panel["chair"], outcome="more_info", message="How much?"
    )
    client.force_login(application.applicant)
    url = f"/grant-applications/application/{application.uuid}/"
    Application.objects.filter(pk=application.pk).update(how_it_helps="")
    html = client.post(url + "check/").content.decode()
    assert "Tell us how it will help you" in html
    application.refresh_from_db()
    assert application.status == Application.Status.MORE_INFO


@pytest.mark.parametrize(
    ("amount", "status", "heading"),
    [
        ("300", "approved", "Yes! You have been given £300"),
        ("200", "part_approved", "Yes, you have been given £200 of the £300 you asked for"),
    ],
)
def test_the_status_page_says_what_was_decided(
    client, home, send, panel, money, amount, status, heading
):
    application = send()
    client.force_login(panel["chair"])
    url = f"/admin/grants/application/{application.pk}/"
    client.post(url, {"action": "review", "recommendation": "yes"})
    client.post(
        url, {"action": "decide", "outcome": "approve", "amount": amount, "message": "Good luck"}
    )
    application.refresh_from_db()
    assert application.status == status
    client.force_login(application.applicant)
    page = client.get(f"/grant-applications/application/{application.uuid}/").content.decode()
    assert f'<h1 class="govuk-heading-xl">{heading}</h1>' in page
    assert "Good luck" in page


def test_every_message_to_the_applicant_goes_through_one_function():
    """So the applicant's choice of channel (email now; a text message later) is made once."""
    import inspect
    import pkgutil

    from grants import services

    source = "".join(
        inspect.getsource(__import__(f"grants.services.{m.name}", fromlist=["_"]))
        for m in pkgutil.iter_modules(services.__path__)
    )
    assert "applicant.email" not in source
    assert source.count("send_to_person(") == 1
    assert "def tell_applicant(" in source


def test_a_young_person_who_chose_texts_hears_about_their_grant_by_text(
    client, home, send, panel, money, monkeypatch, django_capture_on_commit_callbacks
):
    """Through the real views: the applicant chose texts on their account page; the chair's
    question reaches them as a text message through GOV.UK Notify (faked at requests' transport,
    as in tests/nolimits/test_outbox.py), not as an email."""
    import json
    import uuid

    from django.test import override_settings

    import requests

    from tests.nolimits.test_outbox import NOTIFY

    sent = []

    def fake_notify(session, request, **kwargs):
        sent.append((request.url, json.loads(request.body)))
        answer = requests.Response()
        answer.status_code = 201
        answer._content = json.dumps({"id": str(uuid.uuid4()), "content": {}}).encode()
        answer.request, answer.url = request, request.url
        return answer

    monkeypatch.setattr(requests.Session, "send", fake_notify)
    application = send()
    applicant = application.applicant
    client.force_login(applicant)
    response = client.post(
        "/accounts/updates/", {"contact_by": "text", "phone_number": "07700 900123"}
    )
    assert response.status_code == 302
    admin_url = f"/admin/grants/application/{application.pk}/"
    client.force_login(panel["member"])
    client.post(admin_url, {"action": "review", "recommendation": "more_info", "comment": "?"})
    client.force_login(panel["chair"])
    mail.outbox.clear()
    with override_settings(**NOTIFY), django_capture_on_commit_callbacks(execute=True):
        client.post(
            admin_url, {"action": "decide", "outcome": "more_info", "message": "Which shop?"}
        )
    texts = [body for url, body in sent if url.endswith("/v2/notifications/sms")]
    assert len(texts) == 1 and texts[0]["phone_number"] == "07700900123"
    assert "Which shop?" in texts[0]["personalisation"]["body"]
    assert applicant.email not in {address for m in mail.outbox for address in m.to}
