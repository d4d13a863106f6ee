from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "chibo.members"
    label = "members"

    def ready(self) -> None:
        from chibo.org import hooks

        from .restructuring import MemberContents

        hooks.register(MemberContents())

        from django.utils.translation import gettext_lazy as _

        from chibo.core import shell

        shell.register(
            "members",
            menu=[
                shell.MenuEntry(
                    shell.Group.ORG,
                    _("Đảng viên"),
                    "members:list",
                    icon="people-fill",
                    perm="members.view",
                    order=20,
                ),
                shell.MenuEntry(
                    shell.Group.ORG,
                    _("Thống kê đảng viên"),
                    "members:statistics_home",
                    icon="bar-chart",
                    perm="members.view",
                    order=30,
                ),
                shell.MenuEntry(
                    shell.Group.ORG,
                    _("Chuyển sinh hoạt"),
                    "members:transfers",
                    icon="arrow-left-right",
                    perm="members.manage",
                    order=40,
                ),
            ],
        )
