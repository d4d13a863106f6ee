from django.urls import URLPattern, URLResolver, include, path

app_name = "data_quality"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("chibo.data_quality.campaigns.urls")),
    path("", include("chibo.data_quality.importing.urls")),
    path("", include("chibo.data_quality.duplicates.urls")),
]
