from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from fourthp.api.api import api, docs_view

urlpatterns = [
    path("", include("fourthp.web.urls")),
    path("", include("fourthp.jurisdictions.urls")),
    path("", include("fourthp.assessments.urls")),
    path("", include("fourthp.frameworks.urls")),
    path("", include("fourthp.laws.urls")),
    path("", include("fourthp.analysis.urls")),
    path("", include("fourthp.supplychains.urls")),
    path("", include("fourthp.members.urls")),
    path("", include("fourthp.peers.urls")),
    path("", include("fourthp.groups.urls")),
    path("", include("fourthp.events.urls")),
    path("", include("fourthp.circles.urls")),
    path("", include("fourthp.campaigns.urls")),
    path("", include("fourthp.bills.urls")),
    path("", include("fourthp.mailing.urls")),
    path("", include("fourthp.donations.urls")),
    path("", include("fourthp.statistics.urls")),
    path("", include("fourthp.indicators.urls")),
    path("", include("fourthp.organisations.urls")),
    path("", include("fourthp.briefs.urls")),
    path("", include("fourthp.notifications.urls")),
    path("", include("fourthp.drafting.urls")),
    path("api/v1/", api.urls),
    path("api/docs", docs_view, name="api-docs"),
    path("api/", RedirectView.as_view(url="/api/docs", permanent=False)),
    path("accounts/", include("allauth.urls")),
    path("", include("fourthp.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# A form body too large to read gets a page that says so (413), not a bare 400; the API answers
# in its error shape.
handler400 = "fourthp.web.views.bad_request"
handler500 = "fourthp.web.views.server_error"
