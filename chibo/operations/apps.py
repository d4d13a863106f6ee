from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "chibo.operations"
    label = "operations"
    verbose_name = "Vận hành (sao lưu, phục hồi)"
