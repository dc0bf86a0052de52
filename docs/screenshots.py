"""Screenshots of the seeds' briefing for the README: 1280 px and 400 px wide, and the printed
A4 pages as one contact sheet. Needs chromium, pdftoppm (poppler-utils) and Pillow.

    python docs/screenshots.py            # writes docs/briefing-1280.png, -400.png, -print.png
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"]


def _save(image, path: Path) -> None:
    """A palette PNG: text and flat colours lose nothing visible and weigh a third."""
    image.convert("RGB").quantize(colors=96).save(path, optimize=True)


def main() -> int:
    from PIL import Image

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None or shutil.which("pdftoppm") is None:
        print("needs chromium and pdftoppm", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subprocess.run(
            [
                shutil.which("mtsum") or "mtsum",
                "-q",
                "brief",
                str(ROOT / "seeds"),
                "--out",
                str(tmp / "out"),
                "--date",
                "2025-12-01",
            ],
            check=True,
        )
        page = (tmp / "out" / "briefing.html").as_uri()
        base = [chromium, *FLAGS, f"--user-data-dir={tmp / 'profile'}"]
        for width, height in ((1280, 1500), (400, 1700)):
            shot = tmp / f"{width}.png"
            subprocess.run(
                [*base, f"--window-size={width},{height}", f"--screenshot={shot}", page],
                check=True,
                capture_output=True,
            )
            _save(Image.open(shot), ROOT / "docs" / f"briefing-{width}.png")
        pdf = tmp / "briefing.pdf"
        subprocess.run(
            [*base, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page],
            check=True,
            capture_output=True,
        )
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp / "page")], check=True)
        pages = [Image.open(p).convert("RGB") for p in sorted(tmp.glob("page-*.png"))]
        w, h = pages[0].size
        sheet = Image.new("RGB", (w * len(pages) + 8 * (len(pages) + 1), h + 16), "#888888")
        for k, p in enumerate(pages):
            sheet.paste(p, (8 + k * (w + 8), 8))
        _save(sheet, ROOT / "docs" / "briefing-print.png")
        print(f"{len(pages)} printed pages; screenshots in docs/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
