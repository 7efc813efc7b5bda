"""Who may refer, see and match young people. Each rule returns (allowed, reason)."""


def can_manage_matches(user) -> tuple[bool, str]:
    if user.has_perm("matching.manage_matches"):
        return True, ""
    return False, "Only volunteer coordinators can manage matches."
