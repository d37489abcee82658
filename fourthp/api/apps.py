from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "fourthp.api"
    verbose_name = "API"
