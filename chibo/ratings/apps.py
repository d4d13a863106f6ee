from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    name = "chibo.ratings"
    label = "ratings"

    def ready(self) -> None:
        from chibo.core import shell

        shell.register(
            "ratings",
            menu=[
                shell.MenuEntry(
                    shell.Group.RATINGS,
                    _("Đánh giá, xếp loại"),
                    "ratings:home",
                    icon="clipboard-check",
                    # Every member reads their own results (the page sends them there).
                    perm=None,
                    order=10,
                ),
            ],
            cards=[
                shell.HomeCard(
                    "ratings.todo", _("Đánh giá, xếp loại"), "ratings:home_card", order=40
                )
            ],
            profile=[
                shell.ProfileSection(
                    "ratings",
                    _("Đánh giá, xếp loại chất lượng"),
                    "ratings:member_section",
                    order=40,
                )
            ],
        )
