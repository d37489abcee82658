from django.urls import URLPattern, path

from fourthp.campaigns import views
from fourthp.core.pages import download, page, public_form

urlpatterns: list[URLPattern] = [
    *page("campaigns/", views.campaign_list, "campaign-list"),
    path("campaigns/new/", views.campaign_create, name="campaign-create"),
    public_form("campaigns/confirm/<str:token>/", views.campaign_confirm, "campaign-confirm"),
    public_form("campaigns/withdraw/<str:token>/", views.campaign_withdraw_link, "campaign-withdraw-link"),
    *page("campaigns/<slug:slug>/", views.campaign_detail, "campaign-detail"),
    download("campaigns/<slug:slug>/signatures/", views.campaign_signatures, "campaign-signatures"),
    public_form("campaigns/<slug:slug>/sign/", views.campaign_sign, "campaign-sign"),
    path("campaigns/<slug:slug>/sign/member/", views.campaign_sign_member, name="campaign-sign-member"),
    path("campaigns/<slug:slug>/withdraw/", views.campaign_withdraw, name="campaign-withdraw"),
    path("campaigns/<slug:slug>/edit/", views.campaign_edit, name="campaign-edit"),
    path("campaigns/<slug:slug>/signatures.csv", views.campaign_csv, name="campaign-csv"),
    path("campaigns/<slug:slug>/letter.pdf", views.campaign_letter_pdf, name="campaign-letter-pdf"),
    path("campaigns/<slug:slug>/deliver/", views.campaign_deliver, name="campaign-deliver"),
    *page("letters/", views.letter_start, "letter-start"),
    public_form("letters/confirm/<str:token>/", views.letter_confirm, "letter-confirm"),
    *page("letters/<str:code>/", views.letter_place, "letter-place"),
    public_form("letters/<str:code>/write/<int:template>/", views.letter_write, "letter-write"),
    *page("inquiries/", views.inquiry_list, "inquiry-list"),
    path("inquiries/mine/", views.inquiry_mine, name="inquiry-mine"),
    path("inquiries/new/", views.inquiry_create, name="inquiry-create"),
    *page("inquiries/<int:inquiry>/", views.inquiry_detail, "inquiry-detail"),
    path("inquiries/<int:inquiry>/edit/", views.inquiry_edit, name="inquiry-edit"),
    *page("op-ed-kits/", views.op_ed_kit_list, "op-ed-kit-list"),
    *page("op-ed-kits/<slug:kit>/", views.op_ed_kit_detail, "op-ed-kit-detail"),
]
