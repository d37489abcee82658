from django.apps import AppConfig


class CirclesConfig(AppConfig):
    name = "fourthp.circles"
    verbose_name = "Local circles and student chapters"
    default_auto_field = "django.db.models.BigAutoField"
