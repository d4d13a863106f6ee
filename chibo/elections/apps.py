from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "chibo.elections"
    label = "elections"
