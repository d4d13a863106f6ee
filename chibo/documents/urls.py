from django.urls import URLPattern, URLResolver, include, path

app_name = "documents"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("chibo.documents.registry.urls")),
    path("", include("chibo.documents.distribution.urls")),
    path("", include("chibo.documents.study.urls")),
]
