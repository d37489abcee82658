from django.urls import URLPattern, path

from fourthp.bills import views
from fourthp.core.pages import download, page

urlpatterns: list[URLPattern] = [
    *page("bills/", views.bill_list, "bill-list"),
    path("bills/new/", views.bill_create, name="bill-create"),
    path("bills/import/", views.bill_import, name="bill-import"),
    *page("bills/<int:bill>/", views.bill_detail, "bill-detail"),
    path("bills/<int:bill>/edit/", views.bill_edit, name="bill-edit"),
    path("bills/<int:bill>/actions/new/", views.bill_action_add, name="bill-action-add"),
    path("bills/<int:bill>/versions/new/", views.bill_version_add, name="bill-version-add"),
    path("bills/<int:bill>/enact/", views.bill_enact, name="bill-enact"),
    path("bills/<int:bill>/history/", views.bill_history, name="bill-history"),
    *page("jurisdictions/<str:code>/sessions/", views.jurisdiction_sessions, "jurisdiction-sessions"),
    path("jurisdictions/<str:code>/sessions/new/", views.session_create, name="session-create"),
    path("sessions/<int:session>/edit/", views.session_edit, name="session-edit"),
    download("jurisdictions/<str:code>/calendar.ics", views.jurisdiction_calendar, "jurisdiction-calendar"),
    *page("jurisdictions/<str:code>/plan/", views.jurisdiction_plan, "jurisdiction-plan"),
]
