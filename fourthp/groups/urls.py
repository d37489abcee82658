from django.urls import URLPattern, path

from fourthp.core.pages import page
from fourthp.groups import views

urlpatterns: list[URLPattern] = [
    *page("groups/", views.group_list, "group-list"),
    path("groups/new/", views.group_create, name="group-create"),
    *page("groups/<slug:group>/", views.group_detail, "group-detail"),
    path("groups/<slug:group>/edit/", views.group_edit, name="group-edit"),
    path("groups/<slug:group>/join/", views.group_join, name="group-join"),
    path("groups/<slug:group>/leave/", views.group_leave, name="group-leave"),
    path("groups/<slug:group>/requests/<int:membership>/", views.group_request_decide, name="group-request-decide"),
    path("groups/<slug:group>/documents/", views.group_documents, name="group-documents"),
    path("groups/<slug:group>/documents/<int:document>/", views.group_document, name="group-document"),
    path(
        "groups/<slug:group>/documents/<int:document>/v<int:version>/",
        views.group_document_download,
        name="group-document-download",
    ),
    path("groups/<slug:group>/announcements/new/", views.group_announce, name="group-announce"),
    path("groups/<slug:group>/outputs/new/", views.group_output_create, name="group-output-create"),
]
