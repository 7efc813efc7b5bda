"""Who may see what the top floor reports. A rule about a screen returns whether the user may
see or use it."""


# --- The board report (impact/report/) ------------------------------------------------------------


def can_make_board_report(user) -> bool:
    """Make and download the Corporate Parenting Board report: Programme leads (and the admins).
    It holds figures only, never names; small counts of young people are hidden in it."""
    return user.has_perm("impact.see_board_report")
