"""Who may see and do what with grant applications. Each rule returns (allowed, reason) or a
plain yes/no, as its name says."""


def can_see_identity(user) -> bool:
    """Staff on the panel see names and contact details; young panellists never do."""
    return (
        user.has_perm("grants.see_applicant_identity")
        and getattr(user, "kind", "") != "young_person"
    )


def can_see_applications(user) -> bool:
    """The panel opens sent applications in the admin."""
    return user.has_perm("grants.view_application")


def works_on_grants(user) -> bool:
    """The panel and finance: the grants dashboard panel and proof of spending."""
    return user.has_perm("grants.view_application") or user.has_perm("grants.record_grant_payment")


def _own(user, application) -> bool:
    """Their own application, or one they started with a young person: always a conflict."""
    return user.pk is not None and user.pk in (application.applicant_id, application.started_by_id)


def can_review(user, application) -> tuple[bool, str]:
    if not user.has_perm("grants.review_application"):
        return False, "Only panel members review applications."
    if _own(user, application):
        return False, "You cannot review an application you made or started."
    if application.reviews.filter(reviewer=user, conflict_of_interest=True).exists():
        return False, "You declared a conflict of interest on this application."
    return True, ""


def can_decide(user, application) -> tuple[bool, str]:
    if not user.has_perm("grants.decide_application"):
        return False, "Only the panel chair decides."
    if _own(user, application):
        return False, "You cannot decide an application you made or started."
    if application.reviews.filter(reviewer=user, conflict_of_interest=True).exists():
        return False, "You declared a conflict of interest on this application."
    return True, ""


def can_record_payment(user) -> tuple[bool, str]:
    if not user.has_perm("grants.record_grant_payment"):
        return False, "Only Finance records payments."
    return True, ""


def can_start_for_young_person(user) -> tuple[bool, str]:
    if not user.has_perm("grants.start_application_for_young_person"):
        return False, "Only workers can start an application with a young person."
    return True, ""


def can_make_stories(user) -> bool:
    """Staff who read thank-yous may turn one shared with consent into a draft story."""
    return user.has_perm("grants.view_thankyou")


def can_see_fund(user) -> bool:
    """Finance sees the fund balance (the dashboard panel and the finance screen)."""
    return user.has_perm("pledges.view_donation")
