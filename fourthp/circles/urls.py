from django.urls import URLPattern, path

from fourthp.circles import views
from fourthp.core.pages import download, page

urlpatterns: list[URLPattern] = [
    *page("circles/", views.circle_list, "circle-list"),
    *page("chapters/", views.chapter_list, "chapter-list"),
    path("circles/new/", views.circle_create, name="circle-create"),
    *page("circles/<slug:circle>/", views.circle_detail, "circle-detail"),
    *page("chapters/<slug:circle>/", views.chapter_detail, "chapter-detail"),
    download("circles/<slug:circle>/programme.ics", views.circle_calendar, "circle-calendar"),
    path("circles/<slug:circle>/edit/", views.circle_edit, name="circle-edit"),
    path("circles/<slug:circle>/decide/", views.circle_decide, name="circle-decide"),
    path("circles/<slug:circle>/join/", views.circle_join, name="circle-join"),
    path("circles/<slug:circle>/leave/", views.circle_leave, name="circle-leave"),
    path("circles/<slug:circle>/requests/<int:membership>/", views.circle_request_decide, name="circle-request-decide"),
    path("circles/<slug:circle>/members/<int:membership>/convenor/", views.circle_convenor, name="circle-convenor"),
    path("circles/<slug:circle>/meetings/new/", views.meeting_create, name="circle-meeting-create"),
    *page("circles/<slug:circle>/meetings/<int:meeting>/", views.meeting_detail, "circle-meeting"),
    path("circles/<slug:circle>/meetings/<int:meeting>/edit/", views.meeting_edit, name="circle-meeting-edit"),
    path("circles/<slug:circle>/meetings/<int:meeting>/notes/", views.meeting_notes, name="circle-meeting-notes"),
    path("circles/<slug:circle>/meetings/<int:meeting>/cancel/", views.meeting_cancel, name="circle-meeting-cancel"),
    path(
        "circles/<slug:circle>/meetings/<int:meeting>/attendance/",
        views.meeting_attendance,
        name="circle-meeting-attendance",
    ),
]
