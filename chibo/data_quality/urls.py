from django.urls import URLPattern, URLResolver

app_name = "data_quality"

urlpatterns: list[URLPattern | URLResolver] = []
