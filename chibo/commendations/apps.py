from django.apps import AppConfig


class CommendationsConfig(AppConfig):
    name = "chibo.commendations"
    label = "commendations"
