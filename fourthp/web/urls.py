from django.urls import URLPattern

from fourthp.core.pages import page
from fourthp.web import views

urlpatterns: list[URLPattern] = [
    *page("", views.home, "home"),
]
