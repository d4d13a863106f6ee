from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "chibo.calendar"
    label = "calendar"
