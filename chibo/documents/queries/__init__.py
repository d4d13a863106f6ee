"""Reads of the documents module. Registry reads are in `registry`; each part re-exports here."""

from .registry import *  # noqa: F403
