#!/usr/bin/env python
import gc
import os
import sys


def _setup_without_collecting(setup):
    """django.setup(), with the cyclic garbage collector off while it runs. Start-up (every app,
    Wagtail's admin and its API) makes about a million objects that live as long as the process
    and almost no garbage; collecting as they pile up costs every command half a second."""

    def wrapped(*args, **kwargs):
        gc.disable()
        try:
            return setup(*args, **kwargs)
        finally:
            gc.enable()

    return wrapped


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nolimits.settings.dev")
    import django
    from django.core.management import execute_from_command_line

    django.setup = _setup_without_collecting(django.setup)
    execute_from_command_line(sys.argv)
