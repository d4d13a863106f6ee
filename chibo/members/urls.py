from django.urls import path  # noqa: F401  (each part of the registry adds its routes below)

app_name = "members"

urlpatterns: list = []
