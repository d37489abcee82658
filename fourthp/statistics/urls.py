from django.urls import URLPattern, path

from fourthp.core.pages import page
from fourthp.statistics import views

urlpatterns: list[URLPattern] = [
    *page("statistics/", views.statistic_list, "statistic-list"),
    *page("statistics/provisions/", views.provision_gaps, "statistic-provision-gaps"),
    path("statistics/new/", views.statistic_create, name="statistic-create"),
    *page("statistics/<int:statistic>/", views.statistic_detail, "statistic-detail"),
    path("statistics/<int:statistic>/edit/", views.statistic_edit, name="statistic-edit"),
    path("statistics/<int:statistic>/history/", views.statistic_history, name="statistic-history"),
]
