from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressesConfig(AppConfig):
    name = "chibo.congresses"
    label = "congresses"

    def ready(self) -> None:
        from chibo.core import shell

        shell.register(
            "congresses",
            menu=[
                shell.MenuEntry(
                    shell.Group.CONGRESS,
                    _("Đại hội"),
                    "congresses:home",
                    icon="people-fill",
                    perm="congresses.view",
                    order=10,
                ),
                shell.MenuEntry(
                    shell.Group.CONGRESS,
                    _("Đại hội của tôi (đại biểu)"),
                    "congresses:home",
                    icon="tablet",
                    perm="congresses.attend",
                    order=11,
                ),
            ],
            cards=[
                shell.HomeCard(
                    "congresses.organiser",
                    _("Đại hội sắp tới"),
                    "congresses:organiser_card",
                    perm="congresses.manage",
                    order=60,
                ),
                shell.HomeCard(
                    "congresses.delegate",
                    _("Đại hội bạn là đại biểu"),
                    "congresses:delegate_card",
                    perm="congresses.attend",
                    order=61,
                ),
            ],
        )
