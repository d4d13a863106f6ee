from django.urls import URLPattern, URLResolver

app_name = "handbook"

urlpatterns: list[URLPattern | URLResolver] = []
