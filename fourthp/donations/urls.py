from django.urls import URLPattern, path

from fourthp.core.pages import page, public_form
from fourthp.donations import views

urlpatterns: list[URLPattern] = [
    public_form("donate/", views.donations_give, "donations-give"),
    public_form("donate/thanks/", views.donations_thanks, "donations-thanks"),
    public_form("donate/test-checkout/<str:checkout_id>/", views.donations_test_checkout, "donations-test-checkout"),
    path("donate/webhook/", views.donations_webhook, name="donations-webhook"),
    path("donate/mine/", views.donations_mine, name="donations-mine"),
    public_form("donate/link/", views.donations_link, "donations-link"),
    public_form("donate/pledges/<str:token>/", views.donations_pledges, "donations-pledges"),
    *page("use-of-resources/", views.donations_resources, "donations-resources"),
]
