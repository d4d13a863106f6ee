from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CadresConfig(AppConfig):
    name = "chibo.cadres"
    label = "cadres"

    def ready(self) -> None:
        from chibo.core import shell

        shell.register(
            "cadres",
            menu=[
                shell.MenuEntry(
                    shell.Group.ORG,
                    _("Công tác cán bộ"),
                    "cadres:home",
                    icon="person-badge",
                    perm="cadres.view",
                    order=60,
                )
            ],
            cards=[
                shell.HomeCard(
                    "cadres.gaps",
                    _("Chức vụ còn thiếu, luân chuyển sắp hết hạn"),
                    "cadres:home_card",
                    perm="cadres.view",
                    order=60,
                )
            ],
            profile=[
                shell.ProfileSection("cadres.posts", _("Chức vụ Đảng"), "cadres:member_posts")
            ],
        )
