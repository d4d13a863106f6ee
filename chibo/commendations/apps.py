from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommendationsConfig(AppConfig):
    name = "chibo.commendations"
    label = "commendations"

    def ready(self) -> None:
        from chibo.access.roles import Perm
        from chibo.core import shell

        shell.register(
            "commendations",
            menu=[
                shell.MenuEntry(
                    shell.Group.RATINGS,
                    _("Khen thưởng, thi đua"),
                    "commendations:home",
                    icon="award",
                    perm=Perm.COMMENDATIONS_VIEW,
                    order=20,
                )
            ],
            cards=[
                shell.HomeCard(
                    "commendations.proposals",
                    _("Đề nghị khen thưởng chờ xử lý"),
                    "commendations:home_card",
                    perm=Perm.COMMENDATIONS_VIEW,
                    order=45,
                )
            ],
            profile=[
                shell.ProfileSection(
                    "commendations", _("Khen thưởng"), "commendations:member_section", order=45
                )
            ],
        )
