from django.apps import AppConfig


class HandbookConfig(AppConfig):
    name = "chibo.handbook"
    label = "handbook"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from chibo.core import shell

        # The committee's side of the handbook's two channels; members reach theirs in the
        # handbook itself.
        shell.register(
            "handbook",
            menu=[
                shell.MenuEntry(
                    shell.Group.ORG,
                    _("Đề nghị sửa hồ sơ"),
                    "handbook:corrections_inbox",
                    icon="pencil-square",
                    perm="members.manage",
                    order=50,
                ),
                shell.MenuEntry(
                    shell.Group.MEETINGS,
                    _("Ý kiến đảng viên"),
                    "handbook:questions_inbox",
                    icon="chat-left-text",
                    perm="handbook.answer",
                    order=60,
                ),
            ],
        )
