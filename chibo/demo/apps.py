from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for `make demo`: sits above every module, like a user of them all."""

    name = "chibo.demo"
    label = "demo"
