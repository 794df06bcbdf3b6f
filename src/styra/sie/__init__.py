"""SIE 4: read, check and write the Swedish ledger exchange format (see README.md)."""

from styra.sie.model import Account, Dimension, FiscalYear, Identification, SieDocument
from styra.sie.reader import ReadResult, read

__all__ = [
    "Account",
    "Dimension",
    "FiscalYear",
    "Identification",
    "ReadResult",
    "SieDocument",
    "read",
]
