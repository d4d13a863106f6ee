from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "chibo.org"
    label = "org"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from chibo.core import shell

        shell.register(
            "org",
            menu=[
                shell.MenuEntry(
                    shell.Group.ORG,
                    _("Tổ chức đảng"),
                    "org:tree",
                    icon="diagram-3",
                    perm="org.view",
                    order=10,
                ),
            ],
        )
