"""The pipeline: stage names, their default order, the requires/provides check, and batch processing.

This is the one place where the order repair → segment → analyse → extract is written down. A stage is any
callable from `Document` to `Document` with three attributes: `name`, `requires` and `provides` (sets of
layer names). Stages that load a model are classes, built once per pipeline.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from khabar.document import Document
from khabar.errors import KhabarError, PipelineError


class Stage(Protocol):
    name: str
    requires: frozenset[str]
    provides: frozenset[str]

    def __call__(self, doc: Document) -> Document: ...


# Where each stage lives, as "module:factory"; the factory takes no arguments and returns a Stage.
STAGE_FACTORIES: dict[str, str] = {
    "repair": "khabar.repair:Repairer",
    "segment": "khabar.segment:Segmenter",
    "analyse": "khabar.analyse:Analyser",
    "entities": "khabar.extract.entities:EntityRecognizer",
    "quotes": "khabar.extract.quotes:QuoteExtractor",
    "numbers": "khabar.extract.numbers:NumberExtractor",
}

# The default order. A stage appears here once it is implemented; its requirements must come earlier.
DEFAULT_STAGES: tuple[str, ...] = ("repair", "segment", "analyse", "entities", "numbers", "quotes")

ErrorHandler = Callable[[Any, Exception], None]


def build_stage(name: str) -> Stage:
    """Import and construct the stage registered under `name`."""
    try:
        module_name, factory_name = STAGE_FACTORIES[name].split(":")
    except KeyError:
        known = ", ".join(STAGE_FACTORIES)
        raise PipelineError(f"unknown stage {name!r}; known stages: {known}") from None
    factory = getattr(importlib.import_module(module_name), factory_name)
    return factory()


def check_requirements(stages: list[Stage]) -> None:
    """Fail before any text goes through if a stage needs a layer that no earlier stage provides."""
    provided: set[str] = {"raw"}
    problems = []
    for stage in stages:
        missing = set(stage.requires) - provided
        if missing:
            problems.append(
                f"stage {stage.name!r} requires {sorted(stage.requires)}; "
                f"met: {sorted(set(stage.requires) & provided)}; missing: {sorted(missing)}"
            )
        provided |= set(stage.provides)
    if problems:
        raise PipelineError("pipeline cannot run: " + " | ".join(problems))


class Pipeline:
    """Runs stages in order on one document (`__call__`) or a stream of them (`pipe`)."""

    def __init__(self, stages: Iterable[str | Stage] = DEFAULT_STAGES) -> None:
        self.stages: list[Stage] = [build_stage(s) if isinstance(s, str) else s for s in stages]
        check_requirements(self.stages)

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, text: str | Document, **meta: Any) -> Document:
        doc = text if isinstance(text, Document) else Document.from_text(text, **meta)
        for stage in self.stages:
            doc = stage(doc)
            if not isinstance(doc, Document):
                raise PipelineError(f"stage {stage.name!r} returned {type(doc).__name__}, not a Document")
        return doc

    def pipe(
        self,
        texts: Iterable[str | Document],
        batch_size: int = 32,
        on_error: ErrorHandler | None = None,
    ) -> Iterator[Document]:
        """Yield documents in input order; a text that fails goes to `on_error` and the rest carry on.

        Stages with a `pipe(docs)` method get whole batches (faster for model stages); others go doc by doc.
        Without `on_error`, the first failure is raised.
        """
        batch: list[str | Document] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch, on_error)
                batch = []
        if batch:
            yield from self._run_batch(batch, on_error)

    def _run_batch(self, batch: list[str | Document], on_error: ErrorHandler | None) -> Iterator[Document]:
        docs: list[Document] = [t if isinstance(t, Document) else Document.from_text(t) for t in batch]
        for stage in self.stages:
            batch_method = getattr(stage, "pipe", None)
            if batch_method is not None:
                try:
                    docs = list(batch_method(docs))
                    continue
                except KhabarError:
                    pass  # fall back to one by one so that only the failing document is lost
            docs = self._one_by_one(stage, docs, on_error)
        yield from docs

    @staticmethod
    def _one_by_one(stage: Stage, docs: list[Document], on_error: ErrorHandler | None) -> list[Document]:
        out = []
        for doc in docs:
            try:
                out.append(stage(doc))
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(doc, exc)
        return out


_default: Pipeline | None = None


def load(stages: Iterable[str] | None = None) -> Pipeline:
    """A pipeline with the given stages (default: every implemented stage, in order)."""
    return Pipeline(DEFAULT_STAGES if stages is None else stages)


def process(text: str, **meta: Any) -> Document:
    """Run the default pipeline on one text; the pipeline is built once and reused."""
    global _default
    if _default is None:
        _default = load()
    return _default(text, **meta)
