"""SIE 4 and SIE 5: read, check and write the Swedish ledger exchange format (see README.md)."""

from styra.sie.formats import read
from styra.sie.model import Account, Dimension, FiscalYear, Identification, SieDocument
from styra.sie.reader import ReadResult
from styra.sie.vouchers import Row, Voucher, iter_vouchers
from styra.sie.writer import write, write_file

__all__ = [
    "Account",
    "Dimension",
    "FiscalYear",
    "Identification",
    "ReadResult",
    "Row",
    "SieDocument",
    "Voucher",
    "iter_vouchers",
    "read",
    "write",
    "write_file",
]
