from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "chibo.access"
    label = "access"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from chibo.core import shell

        shell.register(
            "access",
            menu=[
                shell.MenuEntry(
                    shell.Group.ADMIN,
                    _("Người dùng"),
                    "access:users",
                    icon="people",
                    perm="access.manage",
                    order=30,
                ),
            ],
        )
