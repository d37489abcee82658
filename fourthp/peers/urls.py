from django.urls import path

from fourthp.core.pages import page
from fourthp.peers import views

urlpatterns = [
    *page("peers/", views.peer_finder, "peer-finder"),
    path("peers/contact/<int:member>/", views.contact_create, name="peer-contact"),
    path("peers/requests/", views.contact_list, name="peer-requests"),
    path("peers/requests/<int:contact>/", views.contact_detail, name="peer-request-detail"),
    path("peers/records/", views.contact_records, name="peer-contact-records"),
]
