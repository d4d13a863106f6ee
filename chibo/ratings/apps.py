from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "chibo.ratings"
    label = "ratings"
