from django.urls import URLPattern, URLResolver

app_name = "commendations"

urlpatterns: list[URLPattern | URLResolver] = []
