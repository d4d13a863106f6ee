"""Documents models: the registry, distribution with read receipts, and study campaigns."""

from .distribution import Audience, Bookmark, Distribution, DistributionStatus, Receipt
from .registry import Document, DocumentFile, DocumentKind, FileKind, TextStatus
from .study import (
    Quiz,
    QuizAttempt,
    QuizOption,
    QuizQuestion,
    StudyCampaign,
    StudyMaterial,
    StudyParticipant,
    StudySession,
)

__all__ = [
    "Audience",
    "Bookmark",
    "Distribution",
    "DistributionStatus",
    "Document",
    "DocumentFile",
    "DocumentKind",
    "FileKind",
    "Quiz",
    "QuizAttempt",
    "QuizOption",
    "QuizQuestion",
    "Receipt",
    "StudyCampaign",
    "StudyMaterial",
    "StudyParticipant",
    "StudySession",
    "TextStatus",
]
