"""Who may do what with giving data. Each rule returns (allowed, reason)."""


def can_manage_pledge(user, pledge) -> tuple[bool, str]:
    if not user.is_authenticated:
        return False, "Sign in to manage your giving."
    if pledge.donor_id != user.pk:
        return False, "You can only change your own pledges."
    return True, ""


def can_see_gift_aid(user) -> bool:
    return user.has_perm("pledges.view_giftaiddeclaration")


def can_see_payroll(user) -> bool:
    return user.has_perm("pledges.view_payroll")
