from django.urls import path

from volunteers import views

app_name = "volunteers"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("checklist/", views.checklist, name="checklist"),
    path("checklist/handbook/", views.accept_handbook, name="accept_handbook"),
    path("withdraw/", views.withdraw, name="withdraw"),
]
