from django.apps import AppConfig


class HandbookConfig(AppConfig):
    name = "chibo.handbook"
    label = "handbook"
