from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "chibo.training"
    label = "training"
