from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from allauth.account.decorators import secure_admin_login

from nolimits import views

# The Django admin signs in through allauth too (rate limits, MFA).
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "No Limits technical admin"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/login/", views.admin_login, name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("accounts/updates/", views.contact_preference, name="contact_preference"),
    path("accounts/", include("dataprotection.urls")),  # download my data
    path("accounts/", include("allauth.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.search, name="search"),
    path("pledges/", include("pledges.urls")),
    path("volunteer/", include("matching.urls")),
    path("volunteer/", include("volunteers.urls")),
    path("grant-applications/", include("grants.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
