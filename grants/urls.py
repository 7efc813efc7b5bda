from django.urls import path

from grants import views

app_name = "grants"
urlpatterns = [
    path("", views.my_applications, name="mine"),
    path("apply/", views.start, name="start"),
    path("apply-with-a-young-person/", views.start_for, name="start_for"),
    path("application/<uuid:uuid>/", views.status, name="status"),
    path("application/<uuid:uuid>/check/", views.check, name="check"),
    path("application/<uuid:uuid>/<slug:step>/", views.step, name="step"),
    path("endorse/<str:token>/", views.endorse, name="endorse"),
]
