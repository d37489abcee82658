from django.urls import path

from fourthp.accounts import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", views.token_create, name="token-create"),
    path("profile/tokens/<int:token_id>/revoke/", views.token_revoke, name="token-revoke"),
    path("profile/delete/", views.delete_account, name="account-delete"),
]
