from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "fourthp.accounts"
    verbose_name = _("Accounts and audit")


class SecretariatAdminConfig(admin_apps.AdminConfig):
    """The Django admin, open to the secretariat only."""

    default = False
    default_site = "fourthp.accounts.admin_site.SecretariatAdminSite"
