from django.urls import path

from matching import views

app_name = "matching"
urlpatterns = [
    path("refer/", views.refer, name="refer"),
]
