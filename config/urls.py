from django.urls import include, path
from django.views.generic import TemplateView

from chibo.home.views import home

from .api import api

urlpatterns = [
    path("", home, name="home"),
    # Passwords are reset by the unit's administrator, never by e-mail links (closed network,
    # and an e-mail account is a weaker secret than the party account it would unlock).
    path(
        "accounts/password/reset/",
        TemplateView.as_view(template_name="account/password_reset_closed.html"),
        name="account_reset_password",
    ),
    path("accounts/", include("allauth.urls")),
    path("account/", include("chibo.access.urls")),
    path("org/", include("chibo.org.urls")),
    path("members/", include("chibo.members.urls")),
    path("audit/", include("chibo.audit.urls")),
    path("data-quality/", include("chibo.data_quality.urls")),
    path("documents/", include("chibo.documents.urls")),
    path("meetings/", include("chibo.meetings.urls")),
    path("assignments/", include("chibo.assignments.urls")),
    path("reports/", include("chibo.reports.urls")),
    path("congresses/", include("chibo.congresses.urls")),
    path("elections/", include("chibo.elections.urls")),
    path("recruitment/", include("chibo.recruitment.urls")),
    path("training/", include("chibo.training.urls")),
    path("ratings/", include("chibo.ratings.urls")),
    path("commendations/", include("chibo.commendations.urls")),
    path("cadres/", include("chibo.cadres.urls")),
    path("so-tay/", include("chibo.handbook.urls")),
    path("home/", include("chibo.home.urls")),
    path("notifications/", include("chibo.notifications.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]
