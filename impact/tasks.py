"""django-q2 jobs of the top floor. Jobs take ids and call a service."""

from impact.report import services as board_report

# --- The board report (impact/report/) ------------------------------------------------------------


def board_report_at_period_end() -> None:
    """Daily: at the end of each reporting period, make and keep the board report once and
    email the programme leads a link."""
    board_report.board_report_at_period_end()
