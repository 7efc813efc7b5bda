"""Who may see what on the top floor. Each rule returns a yes/no or (allowed, reason), as its
name says; selectors and services call them, so a screen cannot show more than they allow."""

from __future__ import annotations

from impact.champions.models import DirectorateChampion

# --- Participation by directorate (issue 15 item 4) ---------------------------------------------


def can_see_every_directorate(user) -> bool:
    """Programme leads see every directorate side by side, and councillors as their own group."""
    return user.has_perm("impact.see_every_directorate")


def champion_directorate(user) -> str | None:
    """The one directorate a champion may see: the one a programme lead appointed them to
    (impact.DirectorateChampion). A champion without one, or someone not in the role, has none."""
    if not user.is_authenticated or not user.has_perm("impact.see_own_directorate"):
        return None
    return (
        DirectorateChampion.objects.filter(user=user).values_list("directorate", flat=True).first()
    )


def can_see_directorate(user, key: str) -> tuple[bool, str]:
    """A group's participation: every group for programme leads, one's own for a champion."""
    if can_see_every_directorate(user):
        return True, ""
    if champion_directorate(user) == key:
        return True, ""
    return False, "You can see only the directorate you are the champion for."


def can_see_participation(user) -> bool:
    """The participation screens open: for programme leads, and champions given a directorate."""
    return can_see_every_directorate(user) or champion_directorate(user) is not None


def can_see_encouragement(user) -> bool:
    return can_see_participation(user)


def can_manage_champions(user) -> bool:
    """Programme leads appoint and remove directorate champions."""
    return user.has_perm("impact.add_directoratechampion") and user.has_perm(
        "impact.delete_directoratechampion"
    )


# --- Dashboards (issue 15 item 1) ----------------------------------------------------------------


def can_see_programme_figures(user) -> bool:
    """The programme figures panel: programme leads, who see every figure (never names)."""
    return user.has_perm("impact.see_every_directorate")


# --- The board report (impact/report/) ------------------------------------------------------------


def can_make_board_report(user) -> bool:
    """Make and download the Corporate Parenting Board report: Programme leads (and the admins).
    It holds figures only, never names; small counts of young people are hidden in it."""
    return user.has_perm("impact.see_board_report")
