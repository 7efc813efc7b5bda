"""Who may see and do what with volunteers' records. Rules that a service enforces return
(allowed, reason); rules that only decide whether a screen opens return a bool."""


def can_manage(user) -> tuple[bool, str]:
    if user.has_perm("volunteers.manage_volunteers"):
        return True, ""
    return False, "Only volunteer coordinators can do that."


def can_decide_expenses(user) -> tuple[bool, str]:
    if user.has_perm("volunteers.decide_expenses"):
        return True, ""
    return False, "Only coordinators can approve or refuse expenses."


def is_coordinator(user) -> bool:
    """Opens the coordinators' screens: the activities queue, the reports, the home panel."""
    return can_manage(user)[0]


def can_open_files(user) -> bool:
    """Opens a volunteer's file in the admin (what it offers to change is `can_manage`)."""
    return user.has_perm("volunteers.view_volunteer")


def can_see_dbs(user) -> bool:
    """DBS records: every view of one is written to the audit log."""
    return user.has_perm("volunteers.view_dbs")


def can_see_receipt(user, claim) -> bool:
    """A receipt: the volunteer who claimed, and coordinators and finance."""
    return claim.session.volunteer.user_id == user.pk or user.has_perm(
        "volunteers.view_expenseclaim"
    )
