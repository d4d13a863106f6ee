from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "chibo.home"
    label = "home"
