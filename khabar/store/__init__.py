"""The corpus store: batch ingest, an SQLite store with migrations, spelling-aware search, and export."""

from khabar.store.corpus import Corpus, Hit, prepare
from khabar.store.ingest import IngestOptions, IngestReport, ingest
from khabar.store.normalize import fold
from khabar.store.search import Filters

__all__ = ["Corpus", "Filters", "Hit", "IngestOptions", "IngestReport", "fold", "ingest", "prepare"]
