from .outbox import OutboxMessage, OutboxStatusChange
from .pages import ContentPage, HomePage, StoryIndexPage, StoryPage
from .site_settings import NavigationSettings, SiteSettings
from .system import KeptList, PersonDataVersion, WorkerHeartbeat
from .users import User

__all__ = [
    "ContentPage",
    "HomePage",
    "KeptList",
    "NavigationSettings",
    "OutboxMessage",
    "OutboxStatusChange",
    "PersonDataVersion",
    "SiteSettings",
    "StoryIndexPage",
    "StoryPage",
    "User",
    "WorkerHeartbeat",
]
