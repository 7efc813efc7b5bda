"""What matching adds to volunteers' actions and screens (volunteers/extensions.py); imported
only from MatchingConfig.ready(), once the models are loaded."""

from matching import reminders, selectors, services, viewsets
from volunteers import extensions


def register() -> None:
    extensions.register(extensions.on_suspend, services.pause_matches_of)
    extensions.register(extensions.checklist_context, selectors.checklist_context)
    extensions.register(extensions.reminders, reminders.send_reminders)
    extensions.register(extensions.session_with, selectors.session_with)
    extensions.register(extensions.on_session_logged, services.session_with_young_person)
    for viewset in viewsets.VIEWSETS:
        extensions.register(extensions.admin_viewsets, viewset)
