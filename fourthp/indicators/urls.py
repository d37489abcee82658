from django.urls import URLPattern

from fourthp.core.pages import page
from fourthp.indicators import views

urlpatterns: list[URLPattern] = [
    *page("jurisdictions/<str:code>/indicators/", views.jurisdiction_indicators, "jurisdiction-indicators"),
    *page("jurisdictions/<str:code>/funding/", views.jurisdiction_funding, "jurisdiction-funding"),
]
