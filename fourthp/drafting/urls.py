from django.urls import URLPattern, path

from fourthp.core.pages import page
from fourthp.drafting import views

urlpatterns: list[URLPattern] = [
    *page("model-provisions/", views.model_provision_list, "model-provision-list"),
    path("model-provisions/new/", views.model_provision_create, name="model-provision-create"),
    path("model-provisions/review/", views.model_provision_review, name="model-provision-review"),
    *page("model-provisions/<slug:model>/", views.model_provision_detail, "model-provision-detail"),
    *page("model-provisions/<slug:model>/compare/", views.model_provision_compare, "model-provision-compare"),
    path("model-provisions/<slug:model>/propose/", views.model_provision_propose, name="model-provision-propose"),
    path(
        "model-provisions/<slug:model>/versions/<int:number>/publish/",
        views.model_version_publish,
        name="model-version-publish",
    ),
    path(
        "model-provisions/<slug:model>/versions/<int:number>/return/",
        views.model_version_return,
        name="model-version-return",
    ),
    path("drafts/", views.draft_list, name="draft-list"),
    path("drafts/new/", views.draft_create, name="draft-create"),
    path("drafts/<int:pk>/", views.draft_detail, name="draft-detail"),
    path("drafts/<int:pk>/recompose/", views.draft_recompose, name="draft-recompose"),
    path("drafts/<int:pk>/compare/", views.draft_compare, name="draft-compare"),
    path("drafts/<int:pk>/versions/<int:number>/comments/", views.draft_comment, name="draft-comment"),
    path("drafts/<int:pk>/comments/<int:comment>/resolve/", views.draft_comment_resolve, name="draft-comment-resolve"),
    path("drafts/<int:pk>/versions/<int:number>/<slug:fmt>/", views.draft_export, name="draft-export"),
]
