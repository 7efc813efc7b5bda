"""Who may see and do what with volunteers' records. Each rule returns (allowed, reason)."""


def can_manage(user) -> tuple[bool, str]:
    if user.has_perm("volunteers.manage_volunteers"):
        return True, ""
    return False, "Only volunteer coordinators can do that."


def can_see_volunteer(user, volunteer) -> tuple[bool, str]:
    if volunteer.user_id == user.pk:
        return True, ""
    if volunteer.mentor_id == user.pk:
        return True, ""
    if user.has_perm("volunteers.view_volunteer"):
        return True, ""
    return False, "You can only see your own volunteering, or the volunteers you mentor."
