"""Bearer-token authentication for the API (personal access tokens)."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from .models import PersonalAccessToken, hash_token


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = (
            PersonalAccessToken.objects.select_related("user")
            .filter(token_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        # One write per minute per token at most: the hot path stays read-only.
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            PersonalAccessToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user
