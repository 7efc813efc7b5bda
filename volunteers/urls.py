from django.urls import path

from volunteers import views

app_name = "volunteers"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("checklist/", views.checklist, name="checklist"),
    path("checklist/handbook/", views.accept_handbook, name="accept_handbook"),
    path("withdraw/", views.withdraw, name="withdraw"),
    path("sessions/", views.sessions, name="sessions"),
    path("sessions/<int:session_pk>/claim/", views.claim, name="claim"),
    path("receipts/<uuid:key>/", views.receipt, name="receipt"),
    path("reference/<str:token>/", views.reference, name="reference"),
    path("bookings/<str:token>/cancel/", views.cancel_booking, name="cancel_booking"),
    path("come-along/new/", views.offer, name="offer"),
    path("come-along/<int:pk>/book/", views.book, name="book"),
    path("mentor/", views.mentees, name="mentees"),
    path("mentor/<int:volunteer_pk>/", views.mentee, name="mentee"),
]
