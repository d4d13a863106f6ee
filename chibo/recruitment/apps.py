from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "chibo.recruitment"
    label = "recruitment"
