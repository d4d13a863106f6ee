from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "chibo.documents"
    label = "documents"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from chibo.core import shell

        shell.register(
            "documents",
            menu=[
                shell.MenuEntry(
                    shell.Group.MEETINGS,
                    _("Văn bản"),
                    "documents:list",
                    icon="journal-richtext",
                    perm="documents.view",
                    order=40,
                ),
                shell.MenuEntry(
                    shell.Group.MEETINGS,
                    _("Học tập nghị quyết"),
                    "documents:study_list",
                    icon="mortarboard",
                    perm="documents.view",
                    order=50,
                ),
            ],
        )
