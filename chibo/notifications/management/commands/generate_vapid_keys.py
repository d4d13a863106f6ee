"""Print a new VAPID key pair for web push, as the environment variables the settings read."""

from typing import Any

from cryptography.hazmat.primitives import serialization
from django.core.management.base import BaseCommand
from py_vapid import Vapid01, b64urlencode


class Command(BaseCommand):
    help = "Tạo cặp khóa VAPID cho thông báo đẩy (web push)."

    def handle(self, *args: Any, **options: Any) -> None:
        vapid = Vapid01()
        vapid.generate_keys()
        public = vapid.public_key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        private = vapid.private_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        self.stdout.write(f"CHIBO_VAPID_PUBLIC_KEY={b64urlencode(public)}")
        self.stdout.write(f"CHIBO_VAPID_PRIVATE_KEY={b64urlencode(private)}")
