"""Who may see the retention schedule and what falls due. Each rule returns (allowed, reason)."""


def can_view_retention(user) -> tuple[bool, str]:
    if user.has_perm("dataprotection.view_retention"):
        return True, ""
    return False, "Only programme leads can see the retention schedule."


def can_list_retention_due(user) -> tuple[bool, str]:
    if user.has_perm("dataprotection.view_retention_records"):
        return True, ""
    return False, "Only programme leads can see which records are due for removal."
