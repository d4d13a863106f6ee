from django.urls import URLPattern, URLResolver

app_name = "congresses"

urlpatterns: list[URLPattern | URLResolver] = []
