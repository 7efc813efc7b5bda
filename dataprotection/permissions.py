"""Who may see the retention schedule and what falls due, get a copy of a person's data or
erase a person. Each rule returns (allowed, reason), or a yes/no where its name says so."""


# --- Retention ------------------------------------------------------------------------------------


def can_view_retention(user) -> tuple[bool, str]:
    if user.has_perm("dataprotection.view_retention"):
        return True, ""
    return False, "Only programme leads can see the retention schedule."


def can_list_retention_due(user) -> tuple[bool, str]:
    if user.has_perm("dataprotection.view_retention_records"):
        return True, ""
    return False, "Only programme leads can see which records are due for removal."


# --- Copies of a person's data and erasure ---------------------------------------------------------


def can_export(user) -> tuple[bool, str]:
    if user.has_perm("dataprotection.export_personal_data"):
        return True, ""
    return False, "Only programme leads can download a person's data."


def can_erase(user) -> tuple[bool, str]:
    if user.has_perm("dataprotection.erase_person"):
        return True, ""
    return False, "Only programme leads can erase a person."


def can_find_people(user) -> bool:
    """Opens the data protection screen (search, then download or erase)."""
    return can_export(user)[0] or can_erase(user)[0]


def can_ask_for_own_copy(user) -> tuple[bool, str]:
    if user.is_authenticated and user.is_active:
        return True, ""
    return False, "Sign in to ask for a copy of your data."


def can_open_own_copy(user, export) -> tuple[bool, str]:
    """A person's own copy opens for them alone, whoever else holds the link."""
    if user.is_authenticated and user.pk == export.subject_user_id:
        return True, ""
    return False, "This copy is for the person it is about. Sign in as them to open it."
