from django.urls import URLPattern, path

from fourthp.core.pages import public_form
from fourthp.notifications import views

urlpatterns: list[URLPattern] = [
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications.json", views.notification_list, {"as_json": True}, name="notifications-json"),
    path("notifications/read-all/", views.notification_read_all, name="notifications-read-all"),
    path("notifications/<int:notification>/read/", views.notification_read, name="notification-read"),
    path("notifications/preferences/", views.notification_preferences, name="notification-preferences"),
    public_form("notifications/stop/<str:token>/", views.notification_stop, "notification-stop"),
    path("follows/", views.follow_list, name="follows"),
    path("follows.json", views.follow_list, {"as_json": True}, name="follows-json"),
    path("follows/<slug:kind>/<int:pk>/", views.follow_toggle, name="follow-toggle"),
]
