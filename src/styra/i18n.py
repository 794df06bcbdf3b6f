"""Marks user-facing strings for translation without tying the core to Django.

The message ids are Swedish, the product's language; a translation catalogue may map
them to other languages. The web application uses Django's own gettext for its pages.
"""

import gettext as _gettext

_translations = _gettext.translation("styra", fallback=True)


def _(message: str) -> str:
    return _translations.gettext(message)
