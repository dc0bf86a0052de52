"""mtsum.brief: what the briefing tells its reader."""

import datetime as dt

from mtsum.brief import make_briefing
from mtsum.errors import ModelUnavailable
from mtsum.render import render_html
from mtsum.settings import Settings
from tests.conftest import NORWEGIAN


def test_torch_missing_is_told_as_torch_missing_not_as_a_model(
    seeds, tiny_marian, monkeypatch, caplog
):
    def no_torch(why=""):
        raise ModelUnavailable(
            "torch", f"PyTorch is not installed{why}", fix="pip install torch (CPU only)"
        )

    monkeypatch.setattr("mtsum.backends._require_torch", no_torch)
    settings = Settings(date=dt.date(2024, 3, 1), backend="torch", models={"no-en": tiny_marian})
    briefing = make_briefing([seeds / f"{NORWEGIAN}.txt"], settings)
    (notice,) = [n for n in briefing.notices if "PyTorch" in n.text]
    assert notice.kind == "runtime_missing" and "model torch" not in notice.text
    html = render_html(briefing)
    assert "PyTorch is not installed on this machine" in html and "model torch" not in html
    assert "model torch" not in caplog.text
