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
