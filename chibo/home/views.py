from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from chibo.access.queries import grants_of


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home/home.html", {"grants": grants_of(request.user)})
