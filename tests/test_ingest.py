import datetime as dt

import pytest

from mtsum.errors import InputError, UsageError
from mtsum.ingest import collect_paths, parse_article, read_article, read_articles
from tests.conftest import NORWEGIAN, SEEDS


def test_seed_boilerplate_removed_and_metadata_kept():
    a = read_article(SEEDS / "002_295cc0fe45c1e94b.txt")
    assert (
        a.source_url
        == "https://baoquangninh.vn/thuc-hien-cac-chinh-sach-dac-thu-trong-thu-hut-dau-tu-3388063.html"
    )
    assert not any("Comment (0)" in p or p.startswith("Source") for p in a.paragraphs)
    assert a.paragraphs[-1].startswith("In the first 10 months of 2025")


def test_dateline_gives_the_date_and_is_removed():
    a = read_article(SEEDS / "001_5512d0028820d064.txt")
    assert a.date == dt.date(2024, 2, 24) and a.date_source == "dateline"
    assert a.paragraphs[0].startswith("QUẢNG NINH — The northern province")
    assert a.title is None


def test_dangling_kilde_and_kommentar_removed():
    a = read_article(SEEDS / f"{NORWEGIAN}.txt")
    assert a.paragraphs[-1].endswith("direkteinvesteringer.")
    assert "Kilde" in a.removed and "Kommentar (0)" in a.removed


def test_short_first_line_is_title_and_paragraphs_kept():
    a = read_article(SEEDS / "000_146807e83baea55f.txt")
    assert a.title == "Quang Ninh Aims to Attract $1 Billion in FDI"
    assert len(a.paragraphs) == 8
    assert a.paragraphs[0].startswith("Quang Ninh, the coastal province")


def test_markdown_front_matter_and_hard_wrapped_paragraphs():
    text = (
        "---\ntitle: Hello\ndate: 2024-03-05\nsource: https://example.org/a\n---\n\n"
        "# Ignored heading\n\nFirst line of a paragraph\ncontinues here.\n\nSecond one.\n"
    )
    a = parse_article(text, id="x", path="x.md", markdown=True)
    assert (a.title, a.date, a.source_url) == (
        "Hello",
        dt.date(2024, 3, 5),
        "https://example.org/a",
    )
    assert a.paragraphs == ("First line of a paragraph continues here.", "Second one.")


def test_bom_and_utf16_are_read(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffQuảng Ninh thu hút đầu tư nước ngoài.".encode())
    (tmp_path / "u16.txt").write_bytes("Quảng Ninh thu hút đầu tư.".encode("utf-16"))
    assert read_article(tmp_path / "bom.txt").paragraphs == (
        "Quảng Ninh thu hút đầu tư nước ngoài.",
    )
    assert read_article(tmp_path / "u16.txt").paragraphs == ("Quảng Ninh thu hút đầu tư.",)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty file"),
        (b"   \n\n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Investering i Kvinesdal og Bodø".encode("latin-1"), "not UTF-8"),
        (b"12345 678\n", "no words"),
    ],
)
def test_bad_files_raise_one_clear_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_article(path)
    assert reason in info.value.reason
    assert str(path) in str(info.value)


def test_too_large_file(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000)
    with pytest.raises(InputError, match="too large"):
        read_article(path, max_bytes=1000)


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("Some text that cannot be read.")

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("mtsum.ingest.os.open", deny)
    with pytest.raises(InputError, match="permission denied"):
        read_article(path)


def test_batch_goes_on_past_bad_files(tmp_path):
    (tmp_path / "a.txt").write_text("A perfectly good article about investment in Quang Ninh.")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "c.md").write_text("Another good article, in Markdown this time.")
    items = list(read_articles(collect_paths([tmp_path])))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"]


def test_collect_paths_usage_errors(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        collect_paths([tmp_path / "missing"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match=r"no articles \(.txt, .md, .html"):
        collect_paths([tmp_path / "empty"])


def test_collect_paths_sorted_and_skips_hidden(tmp_path):
    for name in ("b.txt", "a.md", ".hidden.txt", "c.xyz"):
        (tmp_path / name).write_text("text")
    assert [p.name for p in collect_paths([tmp_path])] == ["a.md", "b.txt"]


def test_reading_ahead_in_processes_gives_what_a_thread_gives(seeds, tmp_path):
    """Worker processes (many inputs) and the thread (few) prepare the same objects, in input
    order: articles dated, detected, their figures read; a bad file's error, pickled back
    whole."""
    import datetime as dt

    from mtsum.errors import InputError
    from mtsum.ingest import find_inputs
    from mtsum.prepare import prepared
    from mtsum.settings import Settings

    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    sources = find_inputs([seeds]).sources * 3
    reference = dt.date(2025, 1, 1)

    def shape(p):  # an exception equals only itself: compare what it says
        item = p.item
        if isinstance(item, InputError):
            item = (type(item), item.path, item.reason, item.kind)
        return (p.source, item, p.detection, p.figures)

    in_thread = list(prepared(sources, Settings(), reference, processes=0))
    in_processes = list(prepared(sources, Settings(), reference, processes=2))
    assert list(map(shape, in_processes)) == list(map(shape, in_thread))
    assert [p.source for p in in_thread] == list(sources)
    errors = [p.item for p in in_processes if isinstance(p.item, InputError)]
    assert sorted({e.kind for e in errors}) == ["binary", "empty"] and len(errors) == 6
    assert all(p.figures for p in in_processes if p.detection and p.detection.known)


def test_a_briefing_read_ahead_in_processes_is_the_same(seeds, monkeypatch):
    import datetime as dt

    import mtsum.prepare
    from mtsum.brief import make_briefing
    from mtsum.export import to_json
    from mtsum.settings import Settings

    settings = Settings(date=dt.date(2025, 1, 1))
    in_thread = to_json(make_briefing([seeds], settings))
    monkeypatch.setattr(mtsum.prepare, "PROCESSES_FROM", 1)
    monkeypatch.setattr(mtsum.prepare, "PER_TASK", 2)
    used = []
    in_processes = mtsum.prepare._in_processes
    monkeypatch.setattr(
        mtsum.prepare, "_in_processes", lambda *a: used.append(a[-1]) or in_processes(*a)
    )
    assert to_json(make_briefing([seeds], settings)) == in_thread
    assert used and used[0] >= 1  # worker processes did read them


def test_reading_workers_end_when_the_briefing_is_killed(seeds, tmp_path):
    """A killed briefing cannot stop its pool: each worker sees its parent gone and ends,
    rather than wait for work for ever."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "reader.py"
    script.write_text(
        "import datetime as dt, multiprocessing, sys, time\n"
        "from mtsum.ingest import find_inputs\n"
        "from mtsum.prepare import prepared\n"
        "from mtsum.settings import Settings\n"
        "if __name__ == '__main__':\n"
        "    sources = find_inputs([sys.argv[1]]).sources\n"
        "    ahead = prepared(sources, Settings(), dt.date(2025, 1, 1), processes=2)\n"
        "    next(ahead)\n"
        "    print(*[p.pid for p in multiprocessing.active_children()], flush=True)\n"
        "    time.sleep(60)\n"
    )
    process = subprocess.Popen(
        [sys.executable, str(script), str(seeds)], stdout=subprocess.PIPE, text=True
    )
    workers = [int(pid) for pid in process.stdout.readline().split()]
    assert len(workers) >= 1
    process.send_signal(signal.SIGKILL)
    process.wait()

    def running(pid: int) -> bool:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 15
    while any(map(running, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if running(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left


@pytest.mark.slow
def test_a_folder_nested_990_deep_is_read(tmp_path):
    # issue 23: RecursionError in ingest._walk, no briefing
    from mtsum.ingest import find_inputs

    top = deep = tmp_path / "in"
    deep.mkdir()
    (deep / "top.txt").write_text("Title\nSome words of the top article.\n")
    try:
        for _ in range(990):
            deep = deep / "d"
            deep.mkdir()
        (deep / "bottom.txt").write_text("Title\nSome words of the bottom article.\n")
        (top / "z.txt").write_text("Title\nSome words of the last article.\n")
        found = find_inputs([top])
        assert [s.path.name for s in found.sources] == ["bottom.txt", "top.txt", "z.txt"]
        assert not found.problems
    finally:  # removed here, from the bottom: pytest's own clean-up would recurse 990 deep
        (deep / "bottom.txt").unlink(missing_ok=True)
        while deep != top:
            deep.rmdir()
            deep = deep.parent


def test_a_folder_link_leading_out_is_named(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Title\nWords that must not be read.\n")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Title\nWords of the article inside.\n")
    (folder / "elsewhere").symlink_to(outside, target_is_directory=True)
    from mtsum.ingest import find_inputs

    found = find_inputs([folder])
    assert [s.path.name for s in found.sources] == ["a.txt"]
    (problem,) = found.problems
    assert problem.path == "in/elsewhere" and problem.kind == "link_outside"
    assert "a symbolic link to a folder outside the input folders" in problem.reason
    assert find_inputs([folder], follow_links=True).sources[-1].path.name == "secret.txt"


def test_control_characters_are_unicodes_cc_but_line_breaks_tabs_and_form_feeds():
    """decode counts as control characters exactly those of category Cc other than \\n, \\r,
    \\t and \\f (one pattern instead of a category lookup per character)."""
    import sys
    import unicodedata

    from mtsum.ingest import _CONTROLS

    for code in range(sys.maxunicode + 1):
        c = chr(code)
        expected = unicodedata.category(c) == "Cc" and c not in "\n\r\t\f"
        assert bool(_CONTROLS.fullmatch(c)) == expected, hex(code)
