from django.urls import URLPattern, path

from fourthp.core.pages import download, page
from fourthp.events import views

urlpatterns: list[URLPattern] = [
    *page("events/", views.event_list, "event-list"),
    path("events/new/", views.event_create, name="event-create"),
    *page("events/archive/", views.event_archive, "event-archive"),
    download("events/photos/<int:photo>/<str:size>.jpg", views.event_photo_file, "event-photo-file"),
    download("events.ics", views.event_feed, "event-feed"),
    download("events/feed/<str:token>.ics", views.event_user_feed, "event-user-feed"),
    *page("events/<int:event>/", views.event_detail, "event-detail"),
    download("events/<int:event>.ics", views.event_ics, "event-ics"),
    path("events/<int:event>/edit/", views.event_edit, name="event-edit"),
    path("events/<int:event>/register/", views.event_register, name="event-register"),
    path("events/<int:event>/cancel/", views.event_cancel_registration, name="event-cancel-registration"),
    path("events/<int:event>/attendance/", views.event_attendance, name="event-attendance"),
    path("events/<int:event>/report/", views.event_report, name="event-report"),
    path("events/<int:event>/photos/", views.event_photos, name="event-photos"),
    path("events/<int:event>/photos/<int:photo>/consent/", views.event_photo_consent, name="event-photo-consent"),
    path("events/<int:event>/photos/<int:photo>/withdraw/", views.event_photo_withdraw, name="event-photo-withdraw"),
    path("events/series/new/", views.event_series_create, name="event-series-create"),
    *page("events/series/<int:series>/", views.event_series, "event-series"),
    path("events/series/<int:series>/edit/", views.event_series_edit, name="event-series-edit"),
    path("events/<int:event>/move/", views.event_move, name="event-move"),
    path("events/series/<int:series>/register/", views.event_series_register, name="event-series-register"),
    path("profile/calendar/", views.event_feed_settings, name="event-feed-settings"),
]
