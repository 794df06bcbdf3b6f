"""The documents' shared look: colours and the HTML page's stylesheet.

Every colour used for text passes WCAG 2.1 AA contrast (4.5:1) on white; a status's
colour only repeats what its symbol and label say.
"""

from __future__ import annotations

STATUS_COLOURS = {
    "achieved": "#1d6b2f",
    "partially_achieved": "#7a4d00",
    "not_achieved": "#a4161a",
    "no_value": "#4d4d4d",
    "chart": "#1f4e79",
    "chart-light": "#dce8f4",
    "text": "#1a1a1a",
    "rule": "#6b6b6b",
    # The tables' look, shared by the PDF and the Word template: light rules between rows,
    # the head shaded (the HTML has its own, in CSS).
    "table-rule": "#b8c2cc",
    "head": "#e8eef5",
}

CSS = """
:root { color: #1a1a1a; background: #fff; }
body { font-family: "Source Sans Pro", "Source Sans 3", system-ui, sans-serif;
  line-height: 1.5; max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
.cover { margin: 2rem 0 3rem; }
.cover .organisation { font-size: 1.25rem; font-weight: 600; margin: 0; }
.cover .date { margin: 0.25rem 0 2rem; }
h1 { font-size: 2rem; line-height: 1.2; }
h2 { font-size: 1.6rem; } h3 { font-size: 1.3rem; } h4 { font-size: 1.1rem; }
h5, h6 { font-size: 1rem; }
.number { margin-right: 0.4em; }
nav.contents ol { list-style: none; padding-left: 1.2rem; }
nav.contents > ol { padding-left: 0; }
a { color: #0b4f8a; }
.table-scroll { overflow-x: auto; position: relative; margin: 1rem 0 1.5rem; }
.table-scroll:focus-visible { outline: 2px solid #0b4f8a; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; margin: 0;
  font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 700; padding-bottom: 0.4rem; }
th, td { border: 1px solid #6b6b6b; padding: 0.3rem 0.5rem; vertical-align: top; }
thead th { background: #e8eef5; text-align: left; }
thead th.group { text-align: center; }
th.number, td.number { text-align: right; }
.unit { display: block; font-weight: 400; }
tbody th { text-align: left; font-weight: 400; }
tr.subtotal, tr.total { font-weight: 700; }
tr.subtotal th, tr.total th { font-weight: 700; }
.note { display: block; font-size: 0.9em; color: #333; }
.status-achieved { color: #1d6b2f; }
.status-partially_achieved { color: #7a4d00; }
.status-not_achieved { color: #a4161a; }
.status-no_value { color: #4d4d4d; }
.symbol { font-size: 1.1em; }
figure.chart { margin: 1rem 0 1.5rem; }
figure.chart figcaption { font-weight: 700; margin-bottom: 0.4rem; }
svg text { font-family: inherit; font-size: 12px; fill: #1a1a1a; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
""".strip()

# Styles of parts that only some documents have, added to a page only when it has them,
# so that a page without them stays byte for byte as it was (the golden snapshots).
COVER_NOTE_CSS = """
.cover-note { border: 2px solid #7a4d00; padding: 0.6rem 0.8rem; margin: 1.5rem 0 0; }
""".strip()
CHART_GROUP_CSS = """
.chart-group-title { font-weight: 700; margin: 1rem 0 0.4rem; }
.chart-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
  gap: 0.5rem 1.25rem; margin-bottom: 1.5rem; }
figure.chart.small { margin: 0; max-width: 17rem; }
figure.chart.small figcaption { font-weight: 400; font-size: 0.95rem; }
""".strip()
LONG_WORD_CSS = """
h1, h2, h3, h4, h5, h6, figcaption, .chart-group-title { overflow-wrap: anywhere; }
""".strip()
# The longest word that fits a phone's line (390 px wide) in h1, h2, h3, h4 and smaller
# ("Samhällsbyggnadsnämnden", 23 letters, is 40 px too wide in an h2). A page with a longer
# heading word lets its headings break inside words rather than scroll sideways.
LONG_WORD = (17, 21, 26, 31)
