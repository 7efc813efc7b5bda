
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.models import Page

from nolimits.forms import ContactPreferenceForm
from nolimits.selectors import health


@never_cache
@require_GET
def healthz(request):
    report = health()
    return JsonResponse(report, status=200 if report["ok"] else 503)


def clean_search_text(text: str) -> str:
    """Words only: anything but letters and numbers becomes a space (a NUL byte breaks
    PostgreSQL, and a quote or bracket is query syntax to SQLite's full-text search); runs of
    space become one; at most 200 characters."""
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    return " ".join(text.split())[:200]


@require_GET
def search(request):
    typed = request.GET.get("q", "")
    query = clean_search_text(typed)
    results = None
    problem = ""
    if typed.strip() and not query:
        problem = "Enter words to search for, using letters and numbers."
    if query:
        pages = Page.objects.live().public().specific().search(query)
        results = Paginator(pages, 10).get_page(request.GET.get("page"))
    return render(
        request,
        "nolimits/search.html",
        {"query": query, "results": results, "problem": problem},
    )


def admin_login(request):
    """The Wagtail admin's own sign-in form is replaced: everyone signs in through allauth."""
    target = reverse("account_login")
    next_url = request.GET.get("next", "/admin/")
    return redirect(f"{target}?{urlencode({'next': next_url})}")


@login_required
def contact_preference(request):
    """Email or text message for someone's own news (honoured by nolimits.mail.send_to_person)."""
    form = ContactPreferenceForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your choice is saved.")
        return redirect("contact_preference")
    return render(request, "nolimits/contact_preference.html", {"form": form})
