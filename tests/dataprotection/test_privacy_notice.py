"""The privacy notice is made from the retention table: every kind's period as its setting says
(change a setting, the notice changes), what happens then, your rights; a young people's
version in short sentences at young-people/ under the page."""

import html

from django.test import override_settings

from wagtail.models import Site

import pytest

from dataprotection.models import PrivacyNoticePage
from dataprotection.retention import SCHEDULE
from grants.models import GrantsSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(home):
    page = PrivacyNoticePage(
        title="Privacy notice",
        slug="privacy-notice",
        intro="<p>Who we are.</p>",
        dpo_contact="<p>dpo@example.org</p>",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def text_of(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_notice_shows_every_kind_with_its_period_and_what_happens(client, notice):
    page = text_of(client.get(notice.url))
    for kind in SCHEDULE:
        assert kind.name in page
        assert kind.what in page
        assert kind.why in page
        assert f"{kind.period_text} {kind.runs_from}" in page, kind.key
        assert kind.then in page
    assert "6 years after the end of the charity's accounting year" in page
    assert "ico.org.uk/make-a-complaint" in page
    assert "Download your data" in page
    assert "dpo@example.org" in page


@override_settings(RETENTION_OUTBOX_DAYS=45, RETENTION_GIFT_AID_YEARS=7)
def test_changing_a_setting_changes_the_notice(client, notice):
    page = text_of(client.get(notice.url))
    assert "45 days after the message was written" in page
    assert "7 years after the end of the charity's accounting year" in page
    assert "90 days after the message was written" not in page


def test_the_grants_period_follows_settings_grants(client, notice):
    found = GrantsSettings.for_site(Site.objects.get(is_default_site=True))
    found.retention_days = 400
    found.save()
    page = text_of(client.get(notice.url))
    assert "400 days after the application finished" in page


def test_the_young_peoples_version_has_their_kinds_in_short_sentences(client, notice):
    page = text_of(client.get(notice.url + "young-people/"))
    young = [k for k in SCHEDULE if k.young]
    assert {k.key for k in young} >= {
        "referrals_never_matched",
        "young_people_after_matching",
        "grant_applications",
        "session_notes",
    }
    for kind in young:
        assert kind.young in page
        assert f"{kind.period_text}</strong> {kind.young_when}" in page, kind.key
        assert kind.young_then in page
        # Bite-sized: no sentence in their wording runs past 25 words.
        for sentence in (kind.young + " " + kind.young_then).split("."):
            assert len(sentence.split()) <= 25, sentence
    assert "Gift Aid" not in page  # what does not concern them stays in the full notice
    assert "Download your data" in page
    assert "ico.org.uk" in page
    assert f'href="{notice.url}"' in page


def test_every_kind_appears_under_a_heading(client, notice):
    from dataprotection.notice import notice_sections

    listed = [k.key for section in notice_sections() for k in section.kinds]
    assert sorted(listed) == sorted(k.key for k in SCHEDULE)


def test_the_demo_puts_the_notice_in_the_footer(client):
    from django.core.management import call_command

    from nolimits.models import ContentPage

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # idempotent
    assert PrivacyNoticePage.objects.live().count() == 1
    notice = PrivacyNoticePage.objects.get()
    home = text_of(client.get("/"))
    assert f'href="{notice.url}"' in home
    assert not ContentPage.objects.filter(slug="privacy").live().exists()
    assert "Young people's profiles and matches" in text_of(client.get(notice.url))
