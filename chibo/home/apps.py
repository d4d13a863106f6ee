"""The app shell: the home page and the menu. It sits on top of the layers and may read any
module's queries; modules never import it (docs/architecture.md)."""

from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "chibo.home"
    label = "home"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from chibo.core import shell

        from .queries.search import BUILT_IN

        # The cards of the modules that came before the registry: the shell computes them from
        # those modules' queries (chibo/home/queries/cards.py), one view by key.
        def card(key: str, title: object, perm: str, order: int) -> shell.HomeCard:
            return shell.HomeCard(key, title, "home:card", perm=perm, order=order)  # type: ignore[arg-type]

        shell.register(
            "home",
            cards=[
                card("meetings.next", _("Cuộc họp sắp tới cần chuẩn bị"), "meetings.manage", 10),
                card(
                    "handbook.requests", _("Đề nghị và ý kiến của đảng viên"), "handbook.answer", 20
                ),
                card(
                    "meetings.not_met", _("Chi bộ không sinh hoạt tháng trước"), "meetings.view", 30
                ),
                card(
                    "data_quality.failing",
                    _("Hồ sơ chưa đạt chuẩn dữ liệu"),
                    "data_quality.view",
                    40,
                ),
                card(
                    "data_quality.queues",
                    _("Nhập danh sách và hồ sơ trùng"),
                    "data_quality.manage",
                    50,
                ),
                card("documents.low_reads", _("Văn bản ít người đọc"), "documents.manage", 60),
                card("members.figures", _("Số liệu đảng viên"), "members.view", 70),
            ],
            search=BUILT_IN,
        )
