"""Matching's part of the volunteers' daily reminders job (registered in matching/apps.py)."""

import datetime as dt

from matching.selectors import quiet_matches, reviews_due, turning_eighteen


def send_reminders(*, today: dt.date, send_once, coordinators: list[str]) -> int:
    """Quiet matches (30 and 14 days), 18th birthdays during a match and reviews due in 7 days."""
    sent = 0
    for days in (30, 14):
        for match in quiet_matches(days=days, today=today):
            mentor = [match.volunteer.mentor.email] if match.volunteer.mentor_id else []
            sent += send_once(
                f"quiet:{match.pk}:{days}d:{match.last_session or match.first_meeting_on}",
                f"No session logged for {days} days",
                f"{match.volunteer.user.full_name} and {match.young_person.first_name} have not logged a session for {days} days.",
                [*mentor, *coordinators] if days == 14 else coordinators,
            )
    for match, birthday in turning_eighteen(today=today):
        sent += send_once(
            f"eighteen:{match.pk}",
            f"{match.young_person.first_name} turns 18",
            f"{match.young_person.first_name} turns 18 on {birthday.day} {birthday:%B %Y}, during their match with "
            f"{match.volunteer.user.full_name}. Review the match and check the volunteer's DBS covers work with adults.",
            coordinators,
        )
    for review in reviews_due(within_days=7, today=today):
        sent += send_once(
            f"review:{review.pk}",
            f"Match review due: {review.get_kind_display()}",
            f"The {review.get_kind_display().lower()} review of {review.match.volunteer.user.full_name} and "
            f"{review.match.young_person.first_name} is due on {review.due_on.day} {review.due_on:%B %Y}.",
            coordinators,
        )
    return sent
