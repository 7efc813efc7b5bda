"""Who may see and do what with grant applications. Each rule returns (allowed, reason)."""


def can_see_identity(user) -> bool:
    """Staff on the panel see names and contact details; young panellists never do."""
    return (
        user.has_perm("grants.see_applicant_identity")
        and getattr(user, "kind", "") != "young_person"
    )


def can_review(user, application) -> tuple[bool, str]:
    if not user.has_perm("grants.review_application"):
        return False, "Only panel members review applications."
    if application.reviews.filter(reviewer=user, conflict_of_interest=True).exists():
        return False, "You declared a conflict of interest on this application."
    return True, ""


def can_decide(user, application) -> tuple[bool, str]:
    if not user.has_perm("grants.decide_application"):
        return False, "Only the panel chair decides."
    if application.reviews.filter(reviewer=user, conflict_of_interest=True).exists():
        return False, "You declared a conflict of interest on this application."
    return True, ""
