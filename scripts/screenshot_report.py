"""Render the worked example's report to HTML and screenshot it in headless Chromium.

Run::

    python scripts/screenshot_report.py                       # docs/report.png from the 5-outlet example
    python scripts/screenshot_report.py --outlets 8 --out /tmp/report8.png   # 8 outlets (articles reused)

Needs a ``chromium`` (or ``chromium-browser`` / ``google-chrome``) on the PATH. With
``--outlets N`` above five, the example's articles are reused under further invented
outlet names (long articles, many columns: the layout's hard case).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import coverage

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "examples" / "data" / "kadhemi-drone-attack.json"
EXTRA_OUTLETS = ["Tigris Evening Post", "Basra Courier", "Northern Ledger", "The Euphrates Review",
                 "Capital Dispatch", "Mesopotamia Today", "The Desert Telegraph"]


def example_articles(n_outlets: int) -> list[coverage.Article]:
    """The example's articles, reused under invented outlet names to reach ``n_outlets``."""
    pack = json.loads(PACK.read_text(encoding="utf-8"))
    base = [coverage.Article(**{k: a[k] for k in ("id", "outlet", "title", "published", "text")})
            for a in pack["articles"]]
    articles = base[:n_outlets]
    for index, outlet in enumerate(EXTRA_OUTLETS[: max(0, n_outlets - len(base))]):
        source = base[index % len(base)]
        articles.append(coverage.Article(text=source.text, outlet=outlet, id=f"x{index + 1}",
                                         title=source.title, published=source.published))
    return articles


def browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("No chromium on the PATH: apt-get install chromium")


def screenshot(html_path: Path, png_path: Path, *, width: int, height: int, pin: str | None = None) -> None:
    with tempfile.TemporaryDirectory() as profile:
        command = [
            browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", f"--user-data-dir={profile}", f"--window-size={width},{height}",
            f"--screenshot={png_path}", html_path.resolve().as_uri() + (f"#claim={pin}" if pin else ""),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=120)
    _shrink(png_path)


def _shrink(png_path: Path) -> None:
    """Re-encode with a 256-colour palette (about a third of the size) when Pillow is installed."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(png_path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(png_path, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--outlets", type=int, default=5, help="number of outlets (default 5)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png", help="PNG to write")
    parser.add_argument("--html", type=Path, help="also keep the HTML here")
    parser.add_argument("--pin", default="a5-c3", help="claim to pin (its aligned claims light up); '' for none")
    parser.add_argument("--window-size", default="1600,1000", help="browser window, WIDTH,HEIGHT")
    args = parser.parse_args()

    report = coverage.compare(example_articles(args.outlets))
    width, height = (int(v) for v in args.window_size.split(","))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        html_path = args.html or Path(tmp) / "report.html"
        report.to_html(html_path, title="Drone attack on the Iraqi prime minister, 7 November 2021")
        screenshot(html_path, args.out, width=width, height=height, pin=args.pin or None)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
