from django.urls import include, path

from chibo.core.views import home

from .api import api

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("chibo.access.urls")),
    path("org/", include("chibo.org.urls")),
    path("audit/", include("chibo.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]
