from django.urls import URLPattern, path

from fourthp.core.pages import page, public_form
from fourthp.members import views

urlpatterns: list[URLPattern] = [
    *page("members/", views.member_directory, "member-directory"),
    *page("members/countries/", views.member_countries, "member-countries"),
    *page("members/<int:member>/", views.member_detail, "member-detail"),
    path("profile/member/", views.profile_edit, name="member-profile-edit"),
    path("profile/consents/", views.consents, name="member-consents"),
    path("profile/data.json", views.data_export, name="member-data-export"),
    public_form("join/", views.application_create, "application-create"),
    public_form("join/<str:token>/", views.application_respond, "application-respond"),
    *page("testimonials/", views.testimonial_list, "testimonial-list"),
    path("testimonials/new/", views.testimonial_write, name="testimonial-write"),
    path("testimonials/<int:testimonial>/withdraw/", views.testimonial_withdraw, name="testimonial-withdraw"),
    path("testimonials/review/", views.testimonial_review, name="testimonial-review"),
    path("applications/", views.application_list, name="application-list"),
    path("applications/<int:application>/", views.application_review, name="application-review"),
]
