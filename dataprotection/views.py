"""Download my data: a person asks for their own copy on their account page, and opens it from
the emailed link (signed in, as themselves)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render

from dataprotection import access
from nolimits import ratelimit
from nolimits.links import LinkProblem


@login_required
def my_data(request):
    if request.method == "POST":
        if not ratelimit.allow(request, "dataprotection.own_copy"):
            messages.error(request, ratelimit.MESSAGE)
        else:
            access.own_copy_request(user=request.user)
            messages.success(
                request,
                f"We are getting your data ready. We will email a link to {request.user.email} "
                "in a few minutes.",
            )
        return redirect("dataprotection_my_data")
    return render(request, "dataprotection/my_data.html", {})


@login_required
def own_copy(request, token: str):
    try:
        export = access.own_copy_open(token=token, user=request.user)
    except LinkProblem as problem:
        return render(
            request, "dataprotection/link_problem.html", {"problem": str(problem)}, status=410
        )
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"my-no-limits-data-{export.requested_at:%Y%m%d}.zip",
        content_type="application/zip",
    )
