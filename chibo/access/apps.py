from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "chibo.access"
    label = "access"
