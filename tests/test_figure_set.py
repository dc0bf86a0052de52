"""The figure set's files: read in name order, each in the part its name says."""

from __future__ import annotations

import pytest

from bench.eval_figures import DATA, annotated_lines, load

BLOCK = "@en 2024-05-01\nQuang Ninh attracted US$1.2 billion of FDI in 2023.\n  money 1.2e9 USD 2023-01-01..2023-12-31 fdi_attracted status=actual scope=whole\n"


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def test_parts_follow_the_file_names(tmp_path):
    write(tmp_path, "00-header.txt", "# conventions\n")
    write(tmp_path, "dev-01-round-2.txt", "## dev: round 2\n" + BLOCK)
    write(tmp_path, "dev-00-seeds.txt", "## seed 000\n" + BLOCK)
    write(
        tmp_path, "held-out-00-round-5A.txt", "## held-out: round 5A\n## never tuned on\n" + BLOCK
    )
    entries = load(tmp_path)
    assert [(e.file, e.held_out, e.held_set) for e in entries] == [
        ("dev-00-seeds.txt", False, ""),
        ("dev-01-round-2.txt", False, ""),
        ("held-out-00-round-5A.txt", True, "held-out r5"),
    ]
    assert entries[1].where == "dev-01-round-2.txt:2"
    assert entries[1].section == "## dev: round 2"
    assert len({e.doc for e in entries}) == 3  # each section its own document


@pytest.mark.parametrize(
    "name, text",
    [
        ("dev-05-round-9.txt", "## held-out: round 9H\n" + BLOCK),  # held out inside a dev file
        (
            "held-out-03-round-9H.txt",
            "## dev: round 9\n" + BLOCK,
        ),  # a held-out file without its line
        ("extra.txt", "## dev: round 9\n" + BLOCK),  # in no part
    ],
)
def test_a_file_in_the_wrong_part_stops_the_benchmark(tmp_path, name, text):
    write(tmp_path, name, text)
    with pytest.raises(SystemExit, match=name):
        list(annotated_lines(tmp_path))


def test_the_stored_set_keeps_development_before_held_out():
    names = [p.name for p in sorted(DATA.glob("*.txt"))]
    assert names[0] == "00-header.txt"
    held = [n.startswith("held-out-") for n in names[1:]]
    assert held == sorted(held) and any(held) and not all(held)
    entries = load(DATA)
    assert all(e.held_out == e.file.startswith("held-out-") for e in entries)
