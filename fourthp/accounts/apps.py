from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "fourthp.accounts"
    verbose_name = _("Accounts and audit")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from fourthp.accounts.site import sync_site

        # After the sites app made its default "example.com" row: name the site from the settings.
        post_migrate.connect(sync_site, sender=self, dispatch_uid="fourthp.accounts.sync_site")


class SecretariatAdminConfig(admin_apps.AdminConfig):
    """The Django admin, open to the secretariat only."""

    default = False
    default_site = "fourthp.accounts.admin_site.SecretariatAdminSite"
