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


@login_required
def contact_preference(request):
    """Email or text message for someone's own news (honoured by nolimits.mail.send_to_person)."""
    form = ContactPreferenceForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your choice is saved.")
        return redirect("contact_preference")
    return render(request, "nolimits/contact_preference.html", {"form": form})
