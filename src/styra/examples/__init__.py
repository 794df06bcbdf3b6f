"""Where the example committee's folder is, in an installed wheel or in a checkout.

The example (Sydnärkes IT-nämnd 2024) is data like any user's folder and lives in the
repository's ``examples/``, not in ``src/``. The wheel carries a copy beside this file
(pyproject.toml's ``force-include``), so ``styra serve`` after ``pip install`` loads it and
``styra example MAPP`` writes it out; a checkout (the editable install of ``uv sync``)
reads the repository's own folder.
"""

from __future__ import annotations

from pathlib import Path

NAME = "sydnarke-it-2024"
_HERE = Path(__file__).resolve().parent
PACKAGED = _HERE / NAME
CHECKOUT = _HERE.parents[2] / "examples" / NAME


def example_folder() -> Path:
    """The example's folder: the wheel's copy, else the checkout's.

    When neither holds the example, the checkout's path, so that the folder loader reports
    the missing files like for any other folder.
    """
    for folder in (PACKAGED, CHECKOUT):
        if (folder / "committee.yaml").is_file():
            return folder
    return CHECKOUT
