from django.urls import path

from . import views
from .reads import views as reads_views

app_name = "audit"

urlpatterns = [
    path("", views.events, name="events"),
    path("reads/", reads_views.reads, name="reads"),
    path("reads/xlsx/", reads_views.reads_export, name="reads_export"),
]
