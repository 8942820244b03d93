"""The corpus store: batch ingest, an SQLite store with migrations, spelling-aware search, and export.

`ingest` is the function in `khabar.store.ingest` (not re-exported here, so that name stays the module).
"""

from khabar.store.corpus import Corpus, Hit, prepare
from khabar.store.ingest import IngestOptions, IngestReport
from khabar.store.normalize import fold
from khabar.store.search import Filters

__all__ = ["Corpus", "Filters", "Hit", "IngestOptions", "IngestReport", "fold", "prepare"]
