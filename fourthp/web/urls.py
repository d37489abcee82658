from django.urls import URLPattern, path

from fourthp.core.pages import page
from fourthp.web import views

urlpatterns: list[URLPattern] = [
    *page("", views.home, "home"),
    *page("journey/", views.journey_start, "journey-start"),
    *page("jurisdictions/<str:code>/journey/<slug:step>/", views.journey_step, "journey-step"),
    # The signed-in person's home, and its JSON twin: not public, so not declared with page().
    path("home/", views.my_home_page, name="my-home"),
    path("home.json", views.my_home_page, {"as_json": True}, name="my-home-json"),
]
