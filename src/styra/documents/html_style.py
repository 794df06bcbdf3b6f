"""The HTML page's own styles beyond the shared look (:mod:`styra.documents.style`): the
font, narrow screens, print, and the published site's navigation.

The font is Source Sans Pro, the one the PDF embeds, as WOFF2 (``webfonts/``): a single
page carries it inline, the published site as files beside its pages.
"""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

WEBFONTS = Path(__file__).parent / "webfonts"
# file, weight, style
FONT_FILES = (
    ("SourceSansPro-Regular.woff2", 400, "normal"),
    ("SourceSansPro-Bold.woff2", 700, "normal"),
    ("SourceSansPro-It.woff2", 400, "italic"),
)
FONT_FAMILY = "Source Sans Pro"
# Below this width (the page's content about 640 px) a bar chart is drawn in its narrow
# form and a line chart scrolls in its own box, so that their text stays at least 12 px.
NARROW = "44.99rem"


def font_face(folder: str = "") -> str:
    """``@font-face`` rules: with ``folder`` the fonts are files there, else inline data."""
    return "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
        f"font-style: {style}; font-display: swap; "
        f'src: url("{_source(name, folder)}") format("woff2"); }}'
        for name, weight, style in FONT_FILES
    )


def _source(name: str, folder: str) -> str:
    return f"{folder}/{name}" if folder else _inline(name)


@cache
def _inline(name: str) -> str:
    data = base64.b64encode((WEBFONTS / name).read_bytes()).decode("ascii")
    return f"data:font/woff2;base64,{data}"


# A table region shows a shadow at the side it can scroll towards (the backgrounds that
# move with the content cover the shadows at the ends), so a reader on a phone sees that
# more of the table lies beyond the edge.
RESPONSIVE_CSS = f"""
.table-scroll {{ background:
  linear-gradient(to right, #fff 30%, rgba(255,255,255,0)) left / 2rem 100% no-repeat local,
  linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) right / 2rem 100% no-repeat local,
  radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.3), rgba(0,0,0,0))
    left / .8rem 100% no-repeat scroll,
  radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.3), rgba(0,0,0,0))
    right / .8rem 100% no-repeat scroll; }}
.table-note {{ margin: -1rem 0 1.5rem; font-size: 0.95rem; }}
.cover .logo {{ display: block; max-height: 4.5rem; width: auto; margin-bottom: 1rem; }}
.cover .year {{ font-size: 1.6rem; font-weight: 700; margin: 0; }}
.cover .reference {{ margin: 0.5rem 0 0; }}
figure.chart svg {{ display: block; }}
figure.chart svg.narrow {{ display: none; }}
.chart-scroll {{ overflow-x: auto; }}
.chart-scroll:focus-visible {{ outline: 2px solid #0b4f8a; outline-offset: 2px; }}
@media (max-width: {NARROW}) {{
  body {{ padding: 1rem; }}
  th, td {{ padding: 0.25rem 0.4rem; }}
  figure.chart svg.wide {{ display: none; }}
  figure.chart svg.narrow {{ display: block; max-width: 28rem; }}
  .chart-scroll svg {{ min-width: 640px; }}
}}
""".strip()

# On paper nothing scrolls: regions show their whole table, a table's head repeats on each
# page, rows, charts and a heading with what follows stay together, and the site's
# navigation is left out.
PRINT_CSS = """
@media print {
  @page { size: A4; margin: 18mm 16mm 20mm; }
  :root { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  .table-scroll, .chart-scroll { overflow: visible; background: none; }
  .chart-scroll svg { min-width: 0; }
  figure.chart svg.wide { display: block; }
  figure.chart svg.narrow { display: none; }
  thead { display: table-header-group; }
  tr, figure, .chart-group, .cover-note { break-inside: avoid; }
  h1, h2, h3, h4, h5, h6, caption, figcaption { break-after: avoid; }
  p { orphans: 3; widows: 3; }
  main > section + section, .page > section + section { break-before: page; }
  nav.contents { break-after: page; }
  a { color: inherit; text-decoration: none; }
  .skip-link, nav.site, .downloads, .lineage-back { display: none; }
}
""".strip()

# The published site: a skip link, the navigation with the current page marked, the
# downloads and the lineage pages' tables.
SITE_CSS = """
.skip-link { position: absolute; left: 0.5rem; top: -3rem; padding: 0.4rem 0.8rem;
  background: #fff; border: 2px solid #0b4f8a; z-index: 1; }
.skip-link:focus { top: 0.5rem; }
nav.site { border-bottom: 1px solid #6b6b6b; margin: 0 0 1.5rem; padding-bottom: 0.5rem; }
nav.site ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap;
  gap: 0.25rem 1.25rem; }
nav.site a { display: inline-block; padding: 0.35rem 0; }
nav.site a[aria-current="page"] { font-weight: 700; text-decoration: none;
  border-bottom: 3px solid #0b4f8a; }
.site-name { margin: 0 0 0.25rem; font-weight: 600; }
.downloads ul { padding-left: 1.2rem; }
.lineage-facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
.lineage-facts dt { font-weight: 700; }
.lineage-facts dd { margin: 0; overflow-wrap: anywhere; }
td.source { font-size: 0.9em; overflow-wrap: anywhere; }
td.date { white-space: nowrap; }
.pages { display: flex; justify-content: space-between; flex-wrap: wrap; gap: 0.5rem 1rem;
  border-top: 1px solid #6b6b6b; margin-top: 2rem; padding-top: 0.75rem; }
""".strip()
