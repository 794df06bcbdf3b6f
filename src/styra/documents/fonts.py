"""The bundled font: Source Sans Pro (SIL Open Font License 1.1), from font-source-sans-pro.

Typst embeds it in every PDF; symbols it lacks (the status shapes ● ◐ ○) come from
DejaVu Sans Mono, which Typst itself carries.
"""

from __future__ import annotations

from pathlib import Path

FAMILY = "Source Sans Pro"
REGULAR = "SourceSansPro-Regular.ttf"


def font_folder() -> Path | None:
    try:
        import font_source_sans_pro  # noqa: PLC0415  (optional at import time, required to render)
    except ImportError:
        return None
    folder = Path(font_source_sans_pro.__file__).parent / "files"
    return folder if (folder / REGULAR).is_file() else None
