from django.urls import URLPattern, path

from fourthp.core.pages import public_form
from fourthp.mailing import views

urlpatterns: list[URLPattern] = [
    public_form("mailing/join/", views.mailing_join, "mailing-join"),
    public_form("mailing/confirm/<str:token>/", views.mailing_confirm, "mailing-confirm"),
    public_form("mailing/preferences/<str:token>/", views.mailing_preferences, "mailing-preferences"),
    public_form("mailing/preferences/<str:token>/erase/", views.mailing_erase, "mailing-erase"),
    public_form("mailing/unsubscribe/<str:token>/", views.mailing_unsubscribe, "mailing-unsubscribe"),
    path("mailing/webhook/", views.mailing_webhook, name="mailing-webhook"),
    path("mailing/manage/", views.mailing_manage, name="mailing-manage"),
    path("mailing/lists/new/", views.mailing_list_create, name="mailing-list-create"),
    path("mailing/lists/<int:list_id>/edit/", views.mailing_list_edit, name="mailing-list-edit"),
    path("mailing/segments/new/", views.mailing_segment_create, name="mailing-segment-create"),
    path("mailing/segments/<int:segment_id>/edit/", views.mailing_segment_edit, name="mailing-segment-edit"),
    path("mailing/newsletters/new/", views.mailing_newsletter_create, name="mailing-newsletter-create"),
    path("mailing/newsletters/<int:newsletter_id>/", views.mailing_newsletter_detail, name="mailing-newsletter-detail"),
    path(
        "mailing/newsletters/<int:newsletter_id>/edit/", views.mailing_newsletter_edit, name="mailing-newsletter-edit"
    ),
    path(
        "mailing/newsletters/<int:newsletter_id>/send/", views.mailing_newsletter_send, name="mailing-newsletter-send"
    ),
    path(
        "mailing/newsletters/<int:newsletter_id>/retry/",
        views.mailing_newsletter_retry,
        name="mailing-newsletter-retry",
    ),
]
