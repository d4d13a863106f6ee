from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "chibo.recruitment"
    label = "recruitment"

    def ready(self) -> None:
        from chibo.access.roles import Perm
        from chibo.core import shell
        from chibo.training import needs

        from . import queries

        shell.register(
            "recruitment",
            menu=[
                shell.MenuEntry(
                    shell.Group.ORG,
                    _("Phát triển đảng viên"),
                    "recruitment:home",
                    icon="person-plus",
                    perm=Perm.RECRUITMENT_VIEW,
                    order=60,
                )
            ],
            cards=[
                shell.HomeCard(
                    "recruitment.deadlines",
                    _("Hồ sơ kết nạp đến hạn"),
                    "recruitment:home_card",
                    perm=Perm.RECRUITMENT_MANAGE,
                )
            ],
        )
        needs.register(
            needs.NeedProvider(
                "recruitment.awareness",
                _("Quần chúng ưu tú chưa có giấy chứng nhận lớp nhận thức về Đảng"),
                "awareness",
                queries.candidates_without_awareness,
            )
        )
