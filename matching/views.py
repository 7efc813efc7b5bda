"""The public referral form: a worker refers a young person, with no account."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from matching import services
from matching.forms import ReferralForm
from volunteers.views import within_limit


@never_cache
@require_http_methods(["GET", "POST"])
def refer(request):
    form = ReferralForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and within_limit(request, form, "volunteers.refer")
    ):
        data = dict(form.cleaned_data)
        if data.pop("website"):
            return render(request, "matching/referred.html")  # a robot: say thank you, keep nothing
        try:
            services.young_person_refer(**data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(request, "matching/referred.html")
    return render(request, "matching/refer.html", {"form": form})
