from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "chibo.elections"
    label = "elections"

    def ready(self) -> None:
        from chibo.core import shell

        shell.register(
            "elections",
            menu=[
                shell.MenuEntry(
                    shell.Group.CONGRESS,
                    _("Bầu cử và biểu quyết"),
                    "elections:home",
                    icon="check2-square",
                    perm="congresses.view",
                ),
                shell.MenuEntry(
                    shell.Group.CONGRESS,
                    _("Bỏ phiếu"),
                    "elections:home",
                    icon="check2-square",
                    perm="congresses.attend",
                ),
            ],
        )
