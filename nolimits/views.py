from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.models import Page

from nolimits.selectors import health


@never_cache
@require_GET
def healthz(request):
    report = health()
    return JsonResponse(report, status=200 if report["ok"] else 503)


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = None
    if query:
        pages = Page.objects.live().public().specific().search(query)
        results = Paginator(pages, 10).get_page(request.GET.get("page"))
    return render(request, "nolimits/search.html", {"query": query, "results": results})


def admin_login(request):
    """The Wagtail admin's own sign-in form is replaced: everyone signs in through allauth."""
    target = reverse("account_login")
    next_url = request.GET.get("next", "/admin/")
    return redirect(f"{target}?{urlencode({'next': next_url})}")
