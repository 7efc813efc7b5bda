from django.urls import path

from pledges import demo_views, views

app_name = "pledges"
urlpatterns = [
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("give/", views.give, name="give"),
    path("give/payroll/", views.give_payroll, name="give_payroll"),
    path("give/thanks/<uuid:pledge_uuid>/", views.pledge_thanks, name="pledge_thanks"),
    path("gift/thanks/<uuid:donation_uuid>/", views.gift_thanks, name="gift_thanks"),
    path("my-giving/", views.my_giving, name="my_giving"),
    path("pledge/<uuid:pledge_uuid>/amount/", views.change_amount, name="change_amount"),
    path("pledge/<uuid:pledge_uuid>/cancel/", views.cancel, name="cancel"),
    path("card-or-bank-details/", views.portal, name="portal"),
    path("receipt/<uuid:donation_uuid>/", views.receipt, name="receipt"),
    path("statement/<int:year>/", views.statement, name="statement"),
    path("gift-aid/", views.declaration, name="declaration"),
    path("gift-aid/cancel/", views.declaration_cancel, name="declaration_cancel"),
    path("demo/checkout/<str:session_id>/", demo_views.demo_checkout, name="demo_checkout"),
    path("demo/card-or-bank-details/", demo_views.demo_portal, name="demo_portal"),
]
