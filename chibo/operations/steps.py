"""One progress bar per step of a backup or restore, on stderr, each with its step's name."""

from collections.abc import Callable
from typing import Any, TextIO

from .manifest import Progress

STEP_NAMES = {
    "check": "kiểm tra bản sao lưu",
    "database": "cơ sở dữ liệu",
    "files": "tệp",
    "verify": "đối chiếu",
}


class StepBars:
    """Hands out a bar for each step (`bars("files")`), closing the previous one first."""

    def __init__(self, bar: Callable[..., Any], stream: TextIO) -> None:
        self.bar = bar
        self.stream = stream
        self.current: Any = None
        self.last: tuple[int, int] = (0, 0)

    def __call__(self, step: str) -> Progress:
        self.close()
        self.stream.write(f"{STEP_NAMES.get(step, step)}:\n")
        self.current = self.bar(self.stream, unit="bước" if step == "database" else "tệp")

        def advance(done: int, total: int) -> None:
            self.last = (done, total)
            self.current(done, total)

        return advance

    def close(self) -> None:
        if self.current is not None:
            self.current.close(*self.last)
            self.current = None
            self.last = (0, 0)
