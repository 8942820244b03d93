"""khabar: repair, segment, analyse and extract Persian news text."""

from khabar.document import Document, Edit, Sentence, Span, Token
from khabar.errors import KhabarError
from khabar.pipeline import Pipeline, load, process
from khabar.store import Corpus

__version__ = "0.1.0"

__all__ = [
    "Corpus",
    "Document",
    "Edit",
    "KhabarError",
    "Pipeline",
    "Sentence",
    "Span",
    "Token",
    "load",
    "process",
]
