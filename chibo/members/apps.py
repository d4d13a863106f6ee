from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "chibo.members"
    label = "members"

    def ready(self) -> None:
        from chibo.org import hooks

        from .restructuring import MemberContents

        hooks.register(MemberContents())
