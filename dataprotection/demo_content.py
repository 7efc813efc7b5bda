"""The data protection app's demo content: the privacy notice page (its body comes from the
retention schedule), linked from the footer in place of the plain placeholder page."""

from wagtail.models import Site

from dataprotection.models import PrivacyNoticePage
from nolimits.models import ContentPage, NavigationSettings

INTRO = (
    "<p>Thamesbrook Borough Council runs No Limits. This notice says what we keep about you "
    "when you give, volunteer, are referred for a mentor or apply for a grant, why we keep it, "
    "for how long, and what you can ask us to do.</p>"
)
DPO = (
    "<p>Data Protection Officer, Thamesbrook Borough Council, Civic Offices, Thamesbrook "
    "(demo address). Email: dpo@example.org</p>"
)
YOUNG = "<p>This page tells you what we keep about you. It says why, and when we delete it.</p>"


def load(home) -> None:
    notice = PrivacyNoticePage.objects.first()
    if notice is None:
        notice = PrivacyNoticePage(
            title="Privacy notice", slug="privacy-notice", intro=INTRO, dpo_contact=DPO,
            young_intro=YOUNG,
        )  # fmt: skip
        home.add_child(instance=notice)
        notice.save_revision().publish()
    placeholder = ContentPage.objects.child_of(home).filter(slug="privacy").first()
    if placeholder is None:
        return
    if placeholder.live:
        placeholder.unpublish()
    nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    links = list(nav.footer_links.raw_data)
    changed = False
    for link in links:
        if link["type"] == "link" and link["value"].get("page") == placeholder.pk:
            link["value"] = {**link["value"], "page": notice.pk}
            changed = True
    if changed:
        nav.footer_links = links
        nav.save()
