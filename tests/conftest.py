import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
NORWEGIAN = "004_0b46af3614b9e39e"


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory, monkeypatch):
    """No test touches the user's caches, config or the network; mtsum's log reaches caplog
    whatever an earlier CLI test set up."""
    import logging

    logger = logging.getLogger("mtsum")
    monkeypatch.setattr(logger, "handlers", [])
    monkeypatch.setattr(logger, "propagate", True)
    monkeypatch.setattr(logger, "level", logging.NOTSET)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MTSUM_CACHE_DIR", str(home / "mtsum-cache"))
    monkeypatch.setenv("HF_HOME", str(home / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.chdir(home)


@pytest.fixture
def seeds(tmp_path):
    """A private copy of the sample articles."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory):
    """A random-weight OPUS-MT-shaped Marian folder, built offline once per session."""
    from tests.tiny_models import build_marian

    return build_marian(tmp_path_factory.mktemp("tiny-marian"))


@pytest.fixture(scope="session")
def tiny_bart(tmp_path_factory):
    """A random-weight distilbart-shaped BART folder, built offline once per session."""
    from tests.tiny_models import build_bart

    return build_bart(tmp_path_factory.mktemp("tiny-bart"))


class Recorder:
    """The one stand-in translation model of the tests: it records every batch and its caps
    (``batches``, ``caps``), and marks its output as not a translation (``EN[text]``, or what
    ``change`` makes of a text); ``fail_on`` makes it raise on a text that contains it. Never
    shown as a translation: tests only."""

    revision, label = None, None

    def __init__(self, change=None, *, fail_on=None, max_input_tokens=64, model_id="recorder"):
        self.batches, self.caps = [], []
        self.change = change or (lambda text: f"EN[{text}]")
        self.fail_on = fail_on
        self.max_input_tokens, self.model_id, self.label = max_input_tokens, model_id, model_id

    def count_tokens(self, texts):
        return [len(t.split()) + 1 for t in texts]

    def translate_batch(self, texts, max_tokens=None):
        if self.fail_on and any(self.fail_on in t for t in texts):
            raise RuntimeError("the backend broke on this text")
        self.batches.append(list(texts))
        self.caps.append(max_tokens)
        return [self.change(t) for t in texts]


class FakeModels:
    """Models for a :class:`mtsum.translate.TranslationEngine` (``models=``): ``translator``
    describes and runs every pair; it needs ``model_id``, ``revision``, ``max_input_tokens``,
    ``count_tokens`` and ``translate_batch`` (a ``label`` is optional)."""

    def __init__(self, translator):
        self.model = translator
        self.loads = 0

    def describe(self, spec):
        from types import SimpleNamespace

        m = self.model
        return SimpleNamespace(
            model_id=m.model_id,
            revision=m.revision,
            max_input_tokens=m.max_input_tokens,
            label=getattr(m, "label", None),
        )

    def translator(self, spec, **options):
        self.loads += 1
        if not hasattr(self.model, "label"):
            self.model.label = None
        return self.model


def load_translator(spec, **options):
    """A translation model loaded as a run loads it (options: ``beam``, ``generate_options``,
    and :class:`mtsum.backends.Backends`' ``backend``, ``quantization``, ``cache_dir``...)."""
    return _load("translate", spec, **options)


def load_summarizer(spec, **options):
    """An abstractive summariser; ``options`` as for :func:`load_translator`."""
    return _load("summarize", spec, **options)


def _load(task, spec, *, beam=4, generate_options=None, backend="auto", **runtime):
    from mtsum.backends import Backends

    return Backends(backend, **runtime).load(
        task, spec, beam=beam, generate_options=generate_options
    )
