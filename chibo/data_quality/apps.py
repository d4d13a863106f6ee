from django.apps import AppConfig


class DataQualityConfig(AppConfig):
    name = "chibo.data_quality"
    label = "data_quality"
