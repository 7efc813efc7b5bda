"""Who may do what with giving data. A rule about a record returns (allowed, reason); a rule
about a screen returns whether the user may see or use it."""


def can_manage_pledge(user, pledge) -> tuple[bool, str]:
    if not user.is_authenticated:
        return False, "Sign in to manage your giving."
    if pledge.donor_id != user.pk:
        return False, "You can only change your own pledges."
    return True, ""


def can_see_finance(user) -> bool:
    """The gifts, the monthly reconciliation and the fund: Finance (and the admins)."""
    return user.has_perm("pledges.view_donation")


def can_see_payroll(user) -> bool:
    """Employee numbers and payroll pledges are payroll data: Finance only."""
    return user.has_perm("pledges.view_payroll")


def can_confirm_payroll(user) -> bool:
    """Confirming a payroll run records a month of gifts: Finance only."""
    return user.has_perm("pledges.add_payrollrun")
