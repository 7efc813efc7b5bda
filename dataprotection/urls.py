from django.urls import path

from dataprotection import views

urlpatterns = [
    path("my-data/", views.my_data, name="dataprotection_my_data"),
    path("my-data/<str:token>/", views.own_copy, name="dataprotection_own_copy"),
]
