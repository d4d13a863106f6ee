from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "chibo.meetings"
    label = "meetings"
