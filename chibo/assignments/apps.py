from django.apps import AppConfig


class AssignmentsConfig(AppConfig):
    name = "chibo.assignments"
    label = "assignments"
