from django.apps import AppConfig


class CadresConfig(AppConfig):
    name = "chibo.cadres"
    label = "cadres"
