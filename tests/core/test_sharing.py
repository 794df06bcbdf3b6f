from datetime import date
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from styra.core.sharing import Member, Rounding, SharingKey, share

SYDNARKE = (
    Member("1814", "Lekeberg", D(8756)),
    Member("1860", "Laxå", D(5576)),
    Member("1882", "Askersund", D(11497)),
    Member("1861", "Hallsberg", D(16290)),
)


def key(members, rounding=Rounding.LARGEST_REMAINDER) -> SharingKey:
    return SharingKey("invånarantal", date(2022, 12, 31), "SCB", tuple(members), rounding)


def test_the_model_reports_deficit_is_shared_as_printed() -> None:
    parts = share(D(-852), key(SYDNARKE))
    assert [p.amount for p in parts] == [-177, -113, -233, -329]


def test_half_up_shows_why_it_is_not_used() -> None:
    parts = share(D(-852), key(SYDNARKE, Rounding.HALF_UP))
    assert [p.amount for p in parts] == [-177, -113, -233, -330]
    assert sum(p.amount for p in parts) == -853


members = st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=12).map(
    lambda ws: [Member(f"{1000 + i}", f"K{i}", D(w)) for i, w in enumerate(ws)]
)
totals = st.integers(min_value=-(10**7), max_value=10**7).map(D)


@given(members, totals)
def test_the_parts_add_up_to_the_total(ms, total) -> None:
    assert sum(p.amount for p in share(total, key(ms))) == total


@given(members, totals)
def test_each_part_lies_within_one_unit_of_its_exact_share(ms, total) -> None:
    for part in share(total, key(ms)):
        assert abs(part.amount - part.exact) < 1


@given(members, totals, st.randoms())
def test_the_order_of_members_does_not_matter(ms, total, rnd) -> None:
    shuffled = list(ms)
    rnd.shuffle(shuffled)
    first = {p.member.code: p.amount for p in share(total, key(ms))}
    second = {p.member.code: p.amount for p in share(total, key(shuffled))}
    assert first == second
