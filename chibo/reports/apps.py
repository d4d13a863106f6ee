from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "chibo.reports"
    label = "reports"

    def ready(self) -> None:
        from chibo.core import shell

        shell.register(
            "reports",
            menu=[
                shell.MenuEntry(
                    shell.Group.WORK,
                    _("Chế độ báo cáo"),
                    "reports:home",
                    icon="clipboard-data",
                    perm="reports.view",
                    order=20,
                )
            ],
            cards=[
                shell.HomeCard(
                    "reports.to_do",
                    _("Báo cáo phải nộp"),
                    "reports:home_card",
                    perm="reports.manage",
                    order=30,
                )
            ],
        )
