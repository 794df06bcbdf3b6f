"""The adopted report as an archive that anyone can verify (``styra verify ARCHIVE``).

See README.md beside this file for the layout.
"""

from styra.archive.build import Archive, build_archive, canonical_json
from styra.archive.verify import ArchiveError, Finding, Verification, verify

__all__ = [
    "Archive",
    "ArchiveError",
    "Finding",
    "Verification",
    "build_archive",
    "canonical_json",
    "verify",
]
