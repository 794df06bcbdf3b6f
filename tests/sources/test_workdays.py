"""The Swedish calendar is the holidays library's, loaded without its other countries."""

from __future__ import annotations

from datetime import date

import holidays
import pytest

from styra.sources.workdays import sweden, swedish_calendar


@pytest.mark.parametrize("categories", [("public",), ("public", "de_facto")])
def test_the_calendar_is_the_librarys_swedish_one(categories: tuple[str, ...]) -> None:
    years = range(2000, 2041)
    ours = sweden()(years=years, categories=categories)
    library = holidays.country_holidays("SE", years=years, categories=categories)
    assert sorted(ours) == sorted(library)


def test_counting_working_days_leaves_the_other_countries_loadable() -> None:
    # Julafton (Tuesday) is a working day unless the eves count; juldagen and annandag jul
    # are public holidays.
    assert (
        swedish_calendar(2024, 2024).working_days_between(date(2024, 12, 23), date(2024, 12, 27))
        == 2
    )
    assert date(2024, 5, 17) in holidays.country_holidays("NO", years=2024)
