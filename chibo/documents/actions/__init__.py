"""Writes of the documents module. Registry writes are in `registry`; each part re-exports here."""

from .registry import *  # noqa: F403
