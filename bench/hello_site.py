"""A one-view Django site, the ceiling each page is compared with (bench/bench_pages.py serves it
with the same gunicorn and workers): settings, URL and view in one module."""

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

SECRET_KEY = "bench-hello-only-" + "x" * 50  # noqa: S105 (serves one static string on loopback)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = __name__
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}


def hello(request):
    return HttpResponse("Hello, world")


urlpatterns = [path("", hello)]
application = get_wsgi_application()
