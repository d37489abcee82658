from django.urls import URLPattern

from fourthp.core.pages import page
from fourthp.frameworks import views

urlpatterns: list[URLPattern] = [
    *page("frameworks/", views.framework_list, "framework-list"),
    *page("frameworks/<slug:slug>/", views.framework_detail, "framework-detail"),
    *page("frameworks/<slug:slug>/crosswalk/", views.framework_crosswalk, "framework-crosswalk"),
    *page("frameworks/<slug:slug>/pillars/<slug:pillar>/", views.pillar_detail, "pillar-detail"),
    *page("frameworks/<slug:slug>/provisions/<str:provision>/", views.provision_detail, "provision-detail"),
]
