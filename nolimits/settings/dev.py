"""Local development and the `make run` demo."""

from .base import *  # noqa: F403
from .base import env

NOLIMITS_ENVIRONMENT = "dev"
DEBUG = env.bool("DEBUG", default=True)
