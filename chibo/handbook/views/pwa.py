"""What makes the handbook an installable web app: manifest, service worker, offline page."""

import hashlib
from functools import cache

from django.contrib.staticfiles.finders import find
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

SHELL_ASSETS = (
    "handbook/handbook.css",
    "handbook/handbook.js",
    "vendor/htmx/htmx.min.js",
    "notifications/push.js",
    "handbook/icons/icon-192.png",
    "img/favicon.svg",
)


@cache
def _shell_version() -> str:
    """Changes when an asset of the app shell changes, so browsers fetch the new shell."""
    digest = hashlib.sha256()
    for name in SHELL_ASSETS:
        path = find(name)
        if isinstance(path, str):
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()[:12]


@require_GET
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    scope = reverse("handbook:home")
    response = render(
        request,
        "handbook/sw.js",
        {
            "version": _shell_version(),
            "scope": scope,
            "offline_url": reverse("handbook:offline"),
            "static_prefix": static(""),
            "logout_url": reverse("account_logout"),
            # Never kept for offline reading: the worker itself, and the member's own-data
            # downloads (personal data, no-store; docs/privacy.md).
            "not_cached": [
                reverse("handbook:service_worker"),
                reverse("handbook:own_data_json"),
                reverse("handbook:own_data_pdf"),
            ],
            "icon": static("handbook/icons/icon-192.png"),
            "shell": [reverse("handbook:offline")] + [static(a) for a in SHELL_ASSETS],
        },
        content_type="application/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = scope
    return response


@require_GET
@cache_control(max_age=86400)
def manifest(request: HttpRequest) -> JsonResponse:
    home = reverse("handbook:home")
    data = {
        "name": _("Sổ tay đảng viên · Chi Bộ Số"),
        "short_name": _("Sổ tay"),
        "description": _("Lịch sinh hoạt, văn bản, thông báo và hồ sơ của đảng viên."),
        "lang": "vi",
        "start_url": home,
        "scope": home,
        "id": home,
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#f4f5f7",
        "theme_color": "#b71c1c",
        "icons": [
            {"src": static("handbook/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("handbook/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("handbook/icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(
        data,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """Shown by the service worker for a page never opened before, when the phone is offline.
    Public and without personal data: it is cached for every user of the device."""
    return render(request, "handbook/offline.html", {"tab": "", "unread_count": 0})
