from django.apps import AppConfig


class CongressesConfig(AppConfig):
    name = "chibo.congresses"
    label = "congresses"
