"""The year cycle's core: periods to date, budget profiles and full-year forecasts."""

import itertools
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from styra.core.accounts import AccountRange, ReportLine, Section
from styra.core.cycle import (
    BudgetMonths,
    FollowUpKind,
    FollowUpPeriod,
    Forecast,
    ForecastChoice,
    ForecastMethod,
    MonthlyLine,
    Profile,
    ProfileKind,
    budget_months,
    budget_profile,
    choose_forecast,
    explicit_profile_problem,
    forecast_change,
    forecast_deviation,
    forecast_line,
    forecast_problem,
    has_months,
    line_to_date,
    lines_to_date,
    monthly_by_line,
    period_problems,
    proposals,
    remaining_budget,
    run_rate,
    seasonal,
    spread,
    standard_end,
)
from styra.core.followup import PeriodKind

NBSP = "\u00a0"
START, END = date(2024, 1, 1), date(2024, 12, 31)
AVGIFTER = ReportLine("AVGIFTER", Section.REVENUE, (AccountRange("3000", "3999"),))
PERSONAL = ReportLine("PERSONAL", Section.COST, (AccountRange("5000", "5999"),))
LICENSER = ReportLine("LICENSER", Section.COST, (AccountRange("6850", "6899"),))
LINES = (AVGIFTER, PERSONAL, LICENSER)
# Personnel with holiday pay in July: 12 % in July, 8 % in each of the other months.
HOLIDAY_PAY = Profile(ProfileKind.EXPLICIT, (D(8),) * 6 + (D(12),) + (D(8),) * 5)


def period(kind: FollowUpKind = FollowUpKind.INTERIM, end: date = date(2024, 8, 31)):
    return FollowUpPeriod(kind, START, END, end)


def months(*pairs: tuple[int, str]) -> tuple[D, ...]:
    """Twelve months, zero but for the (month, amount) pairs given."""
    found = dict(pairs)
    return tuple(D(found.get(m, "0")) for m in range(1, 13))


# -- periods ------------------------------------------------------------------------------


def test_a_delar_per_august_covers_january_to_august() -> None:
    delar = period()
    assert delar.elapsed == 8
    assert delar.remaining == 4
    assert delar.months == tuple(range(202401, 202409))
    assert delar.year_months[-1] == 202412
    assert delar.previous_year_months[0] == 202301
    assert delar.text == "januari–augusti 2024"


def test_each_kind_has_its_usual_end() -> None:
    assert standard_end(FollowUpKind.TERTIAL, START) == date(2024, 4, 30)
    assert standard_end(FollowUpKind.INTERIM, START) == date(2024, 8, 31)
    assert standard_end(FollowUpKind.ANNUAL, START) == END
    assert standard_end(FollowUpKind.MONTH, START) is None


def test_a_broken_fiscal_year_counts_from_its_own_first_month() -> None:
    t1 = FollowUpPeriod(
        FollowUpKind.TERTIAL, date(2023, 7, 1), date(2024, 6, 30), date(2023, 10, 31)
    )
    assert t1.months == (202307, 202308, 202309, 202310)
    assert t1.text == "juli–oktober 2023"
    year = FollowUpPeriod(
        FollowUpKind.ANNUAL, date(2023, 7, 1), date(2024, 6, 30), date(2024, 6, 30)
    )
    assert year.year_months == (*range(202307, 202313), *range(202401, 202407))
    assert year.text == "juli 2023–juni 2024"


def test_a_month_follow_up_in_january_names_one_month() -> None:
    assert period(FollowUpKind.MONTH, date(2024, 1, 31)).text == "januari 2024"


@pytest.mark.parametrize(
    ("kind", "start", "end", "problem"),
    [
        (FollowUpKind.MONTH, START, date(2025, 1, 31), "ligger utanför räkenskapsåret"),
        (FollowUpKind.MONTH, START, date(2023, 12, 31), "ligger utanför räkenskapsåret"),
        (FollowUpKind.MONTH, START, date(2024, 8, 15), "är inte en månads sista dag"),
        (FollowUpKind.INTERIM, START, date(2024, 4, 30), "sex till åtta månader"),
        (FollowUpKind.TERTIAL, START, date(2024, 6, 30), "fyra eller åtta månader"),
        (FollowUpKind.ANNUAL, START, date(2024, 8, 31), "ett helår slutar när"),
        (FollowUpKind.MONTH, date(2024, 1, 2), date(2024, 8, 31), "inte tolv hela månader"),
    ],
)
def test_a_period_that_cannot_be_is_refused_in_swedish(
    kind: FollowUpKind, start: date, end: date, problem: str
) -> None:
    (found,) = period_problems(kind, start, END, end)
    assert problem in found
    with pytest.raises(ValueError, match=problem):
        FollowUpPeriod(kind, start, END, end)


def test_a_delar_may_cover_half_to_two_thirds_of_the_year() -> None:
    assert period_problems(FollowUpKind.INTERIM, START, END, date(2024, 6, 30)) == ()
    assert period_problems(FollowUpKind.TERTIAL, START, END, date(2024, 8, 31)) == ()


def test_follow_up_kinds_share_the_values_of_the_annual_reports_period_kinds() -> None:
    assert {k.value for k in PeriodKind} <= {k.value for k in FollowUpKind}


# -- monthly amounts per line -------------------------------------------------------------


def test_monthly_amounts_are_summed_per_line_and_month_of_the_year() -> None:
    amounts = {
        ("5011", 202401): D(80000),
        ("5610", 202401): D(20000),
        ("5011", 202402): D(80000),
        ("5011", 202312): D(99999),  # the previous year: left out
        ("2440", 202401): D(-100000),  # a balance account: no line holds it
    }
    personal = monthly_by_line(LINES, amounts, period().year_months)[1]
    assert personal.line is PERSONAL
    assert personal.months[:3] == (D(100000), D(80000), D(0))
    assert personal.to_date(1) == 100000
    assert personal.total == 180000


def test_an_account_two_lines_hold_counts_in_both_as_for_the_year() -> None:
    wide = ReportLine("ALLA KOSTNADER", Section.COST, (AccountRange("4000", "7999"),))
    both = monthly_by_line((PERSONAL, wide), {("5011", 202401): D(1)}, period().year_months)
    assert [ml.total for ml in both] == [1, 1]


def test_a_budget_file_has_months_when_it_spreads_over_more_than_one() -> None:
    year = period().year_months
    assert not has_months({("5011", 202401): D(1200), ("6860", 202401): D(300)}, year)
    assert not has_months({("5011", 202401): D(1200), ("5011", 202402): D(0)}, year)
    assert not has_months({("5011", 202401): D(1200), ("5011", 202501): D(5)}, year)
    assert has_months({("5011", 202401): D(100), ("5011", 202402): D(100)}, year)


# -- budget to date -----------------------------------------------------------------------


def test_even_twelfths_give_the_odd_kronor_to_the_first_months() -> None:
    # 100 000 / 12 = 8 333,33…: twelve times 8 333 is 99 996, and January to April get
    # the four kronor left.
    spread_ = budget_months(months((1, "100000")), Profile(ProfileKind.EVEN))
    assert spread_.months == (D(8334),) * 4 + (D(8333),) * 8
    assert spread_.to_date(8) == 4 * 8334 + 4 * 8333 == 66668
    assert spread_.annual == 100000


def test_a_revenue_line_is_spread_as_the_mirror_of_a_cost_line() -> None:
    assert spread(D(-100000), (D(1),) * 12) == tuple(-m for m in spread(D(100000), (D(1),) * 12))


def test_an_explicit_profile_puts_holiday_pay_in_july() -> None:
    # 8 % of 1 200 000 is 96 000 and 12 % is 144 000; to August: 7 × 96 000 + 144 000.
    spread_ = budget_months(months((1, "1200000")), HOLIDAY_PAY)
    assert spread_.months[6] == 144000
    assert spread_.months[0] == 96000
    assert spread_.to_date(8) == 816000
    assert spread_.profile is HOLIDAY_PAY


def test_the_previous_years_profile_follows_last_years_months() -> None:
    # Last year 200 000 in February and 50 000 in September: 80 % and 20 % of 300 000.
    previous = months((2, "200000"), (9, "50000"))
    spread_ = budget_months(months((1, "300000")), Profile(ProfileKind.PREVIOUS_YEAR), previous)
    assert spread_.months == months((2, "240000"), (9, "60000"))
    assert spread_.profile.kind is ProfileKind.PREVIOUS_YEAR
    assert spread_.note == ""


def test_without_a_previous_year_the_profile_falls_back_to_even_twelfths_and_says_so() -> None:
    spread_ = budget_months(months((1, "1200")), Profile(ProfileKind.PREVIOUS_YEAR), None)
    assert spread_.months == (D(100),) * 12
    assert spread_.profile.kind is ProfileKind.EVEN
    assert "saknas" in spread_.note
    assert spread_.note.endswith("jämna tolftedelar används")


def test_the_budget_files_own_months_are_kept_as_they_are() -> None:
    given_ = months((3, "10.50"), (7, "-2"))
    spread_ = budget_months(given_, Profile(ProfileKind.MONTHLY_BUDGET))
    assert spread_.months == given_
    assert spread_.profile.kind.label == "budgetens månadsbelopp"


def test_the_budget_files_months_win_over_a_lines_profile() -> None:
    assert budget_profile(True, HOLIDAY_PAY).kind is ProfileKind.MONTHLY_BUDGET
    assert budget_profile(False, HOLIDAY_PAY) is HOLIDAY_PAY
    assert budget_profile(False, None).kind is ProfileKind.EVEN


def test_tkr_rounding_spreads_in_whole_tkr_when_the_budget_is_whole_tkr() -> None:
    assert spread(D(100000), (D(1),) * 12, unit=D(1000)) == (D(9000),) * 4 + (D(8000),) * 8
    # 100 500 kr is no whole number of tkr: it is spread in kronor instead.
    assert sum(spread(D(100500), (D(1),) * 12, unit=D(1000))) == 100500


@pytest.mark.parametrize(
    ("shares", "problem"),
    [
        ((D(8),) * 12, f"summerar till 96{NBSP}%, inte 100{NBSP}%"),
        ((D(9),) * 11, "tolv andelar, en per månad, men har 11"),
        ((D(-4), D(14)) + (D(9),) * 10, "andelen för månad 1 är negativ"),
    ],
)
def test_an_explicit_profile_must_have_twelve_shares_summing_to_100(
    shares: tuple[D, ...], problem: str
) -> None:
    found = explicit_profile_problem(shares)
    assert found is not None
    assert problem in found
    with pytest.raises(ValueError, match="andel"):
        Profile(ProfileKind.EXPLICIT, shares)


def test_only_an_explicit_profile_has_shares() -> None:
    assert explicit_profile_problem(HOLIDAY_PAY.shares) is None
    with pytest.raises(ValueError, match="bara en angiven"):
        Profile(ProfileKind.EVEN, HOLIDAY_PAY.shares)


# -- forecast methods ---------------------------------------------------------------------


def test_the_methods_by_hand() -> None:
    # 6 400 000 in eight months is 800 000 a month, 9 600 000 a year.
    assert run_rate(D(6400000), 8) == 9600000
    # Rounded to öre: 100 kr in seven months is 100 × 12 / 7 = 171,428… kr a year.
    assert run_rate(D(100), 7) == D("171.43")
    assert remaining_budget(D(6400000), (D(1000000),) * 12, 8) == 10400000
    # Last year 60 % of the year's outcome had come by August; 660 is then 60 % of 1 100.
    last = months((1, "600"), (12, "400"))
    assert seasonal(D(660), last, 8) == 1100


def test_seasonal_has_no_proposal_where_last_year_gives_no_share() -> None:
    assert seasonal(D(100), months(), 8) is None
    (_, _, none) = proposals(D(100), 8, months(), None)
    assert none.amount is None
    assert "saknas" in none.note
    (_, _, late) = proposals(D(100), 8, months(), months((12, "500")))
    assert late.amount is None
    assert "ingen andel" in late.note


def test_every_method_has_a_swedish_name_and_description() -> None:
    for method in ForecastMethod:
        assert method.label
        assert method.description.endswith(".")
    assert ForecastMethod.REMAINING_BUDGET.label == "utfall plus återstående budget"


def test_forecast_deviation_and_change_are_positive_when_better() -> None:
    # A cost line budgeted at 9 000 000 with a forecast of 9 600 000: 600 000 worse.
    assert forecast_deviation(D(9000000), D(9600000)) == -600000
    # Last month's forecast was 9 400 000: 200 000 worse since then.
    assert forecast_change(D(9400000), D(9600000)) == -200000
    # A revenue line whose forecast grew from −5 000 000 to −5 200 000 got better.
    assert forecast_change(D(-5000000), D(-5200000)) == 200000


# -- the controller's choice --------------------------------------------------------------

FOUND = proposals(
    D(240000), 8, months((2, "240000"), (9, "60000")), months((2, "200000"), (9, "50000"))
)


def test_accepting_a_proposal_keeps_its_method() -> None:
    chosen = choose_forecast(ForecastChoice(ForecastMethod.SEASONAL), FOUND)
    assert chosen == Forecast(D(300000), ForecastMethod.SEASONAL)
    assert chosen.label == "föregående års säsongsprofil"


def test_a_typed_forecast_that_shows_as_a_proposal_needs_no_comment() -> None:
    # Run rate is 360 000; 359 600 also prints as 360 tkr.
    assert forecast_problem(ForecastChoice(amount=D(359600)), FOUND) is None


def test_a_typed_forecast_unlike_every_proposal_needs_a_comment() -> None:
    bare = ForecastChoice(amount=D(320000))
    assert forecast_problem(bare, FOUND) == (
        "prognosen 320 tkr skiljer sig från alla förslag; skriv en kommentar om varför"
    )
    with pytest.raises(ValueError, match="skriv en kommentar"):
        choose_forecast(bare, FOUND)
    said = ForecastChoice(amount=D(320000), comment="Ny licens för e-arkiv från oktober.")
    assert choose_forecast(said, FOUND) == Forecast(D(320000), None, said.comment)


@pytest.mark.parametrize(
    ("choice", "problem"),
    [
        (ForecastChoice(), "välj en prognosmetod eller skriv en prognos"),
        (ForecastChoice(ForecastMethod.RUN_RATE, D(1)), "inte båda"),
    ],
)
def test_a_choice_is_one_method_or_one_amount(choice: ForecastChoice, problem: str) -> None:
    found = forecast_problem(choice, FOUND)
    assert found is not None
    assert problem in found


def test_a_method_without_a_proposal_cannot_be_chosen() -> None:
    found = proposals(D(100), 8, months(), None)
    problem = forecast_problem(ForecastChoice(ForecastMethod.SEASONAL), found)
    assert problem is not None
    assert problem.startswith("metoden föregående års säsongsprofil ger ingen prognos")


# -- one period's lines -------------------------------------------------------------------

OUTCOME = {
    # Member contributions every quarter; the September one is after the period's end.
    ("3540", 202403): D(-300000),
    ("3540", 202406): D(-300000),
    ("3540", 202409): D(-300000),
    **{("5011", m): D(80000) for m in range(202401, 202409)},
    **{("5610", m): D(20000) for m in range(202401, 202409)},
    ("6860", 202402): D(240000),  # licences in a lump
}
BUDGET = {  # each account's annual budget in January: the file has no months
    ("3540", 202401): D(-1200000),
    ("5011", 202401): D(960000),
    ("5610", 202401): D(240000),
    ("6860", 202401): D(300000),
}
PREVIOUS = {("6860", 202302): D(200000), ("6860", 202309): D(50000)}


def delar_lines():
    profiles = {PERSONAL: HOLIDAY_PAY, LICENSER: Profile(ProfileKind.PREVIOUS_YEAR)}
    return lines_to_date(period(), LINES, OUTCOME, BUDGET, previous=PREVIOUS, profiles=profiles)


def test_a_delar_per_august_by_hand() -> None:
    avgifter, personal, licenser = delar_lines()
    # Revenue: 2 × −300 000 by August; even twelfths of −1 200 000 give −800 000.
    assert (avgifter.outcome, avgifter.budget, avgifter.annual_budget) == (
        -600000,
        -800000,
        -1200000,
    )
    assert avgifter.deviation == -200000  # less revenue than budgeted so far
    assert avgifter.profile.kind is ProfileKind.EVEN
    # Personnel: 8 × 100 000; the holiday-pay profile gives 816 000 by August.
    assert (personal.outcome, personal.budget, personal.deviation) == (800000, 816000, 16000)
    assert personal.profile is HOLIDAY_PAY
    # Licences: 240 000 in February; last year's profile puts 80 % of 300 000 there.
    assert (licenser.outcome, licenser.budget, licenser.deviation) == (240000, 240000, 0)
    assert licenser.profile.kind is ProfileKind.PREVIOUS_YEAR


def test_the_delars_proposals_by_hand() -> None:
    avgifter, personal, licenser = delar_lines()
    amounts = [[p.amount for p in row.proposals] for row in (avgifter, personal, licenser)]
    assert amounts == [
        [-900000, -1000000, None],  # no revenue last year: no seasonal proposal
        [1200000, 800000 + 4 * 96000, None],
        [360000, 300000, 300000],
    ]
    assert licenser.proposal(ForecastMethod.SEASONAL).amount == 300000


def test_a_line_forecast_with_its_deviation_and_change() -> None:
    licenser = delar_lines()[2]
    choice = ForecastChoice(amount=D(320000), comment="Ny licens för e-arkiv från oktober.")
    previous = Forecast(D(300000), ForecastMethod.REMAINING_BUDGET)
    forecast = forecast_line(licenser, choice, previous)
    assert forecast.deviation == 300000 - 320000
    assert forecast.change == 300000 - 320000
    assert forecast_line(licenser, ForecastChoice(ForecastMethod.RUN_RATE)).change is None


def test_a_budget_file_with_months_keeps_them_for_every_line() -> None:
    budget = {("5011", m): D(100000) for m in range(202401, 202413)}
    personal = lines_to_date(
        period(), (PERSONAL,), OUTCOME, budget, profiles={PERSONAL: HOLIDAY_PAY}
    )[0]
    assert personal.profile.kind is ProfileKind.MONTHLY_BUDGET
    assert personal.budget == 800000


def test_at_the_years_end_the_budget_to_date_is_the_annual_budget() -> None:
    year = period(FollowUpKind.ANNUAL, END)
    for row in lines_to_date(year, LINES, OUTCOME, BUDGET, profiles={PERSONAL: HOLIDAY_PAY}):
        assert row.budget == row.annual_budget


# -- properties ---------------------------------------------------------------------------

ORE = st.integers(-(10**11), 10**11).map(lambda cents: D(cents).scaleb(-2))
KRONOR = st.integers(-(10**9), 10**9).map(D)
ELAPSED = st.integers(1, 12)
YEAR = st.lists(ORE, min_size=12, max_size=12).map(tuple)
WEIGHTS = YEAR.filter(lambda w: sum(w) != 0)


@st.composite
def explicit_shares(draw: st.DrawFn) -> tuple[D, ...]:
    """Twelve shares in tenths of a per cent, summing to 100: cuts of 0–1 000 tenths."""
    cuts = sorted(draw(st.lists(st.integers(0, 1000), min_size=11, max_size=11)))
    edges = [0, *cuts, 1000]
    return tuple(D(b - a).scaleb(-1) for a, b in itertools.pairwise(edges))


PROFILES = st.one_of(
    st.just(Profile(ProfileKind.EVEN)),
    explicit_shares().map(lambda s: Profile(ProfileKind.EXPLICIT, s)),
    st.just(Profile(ProfileKind.PREVIOUS_YEAR)),
)


@given(month=ORE, elapsed=ELAPSED)
def test_run_rate_of_equal_months_is_the_annual_total(month: D, elapsed: int) -> None:
    assert run_rate(month * elapsed, elapsed) == 12 * month


@given(budget=YEAR, elapsed=ELAPSED)
def test_remaining_budget_is_the_budget_when_outcome_to_date_is_budget_to_date(
    budget: tuple[D, ...], elapsed: int
) -> None:
    to_date = sum(budget[:elapsed], D(0))
    assert remaining_budget(to_date, budget, elapsed) == sum(budget, D(0))
    line = MonthlyLine(PERSONAL, budget)
    row = line_to_date(line, BudgetMonths(budget, Profile(ProfileKind.MONTHLY_BUDGET)), elapsed)
    assert row.proposal(ForecastMethod.REMAINING_BUDGET).amount == row.annual_budget


@given(annual=st.one_of(ORE, KRONOR), profile=PROFILES, previous=WEIGHTS)
def test_a_spread_budget_adds_up_to_the_annual_budget_exactly(
    annual: D, profile: Profile, previous: tuple[D, ...]
) -> None:
    spread_ = budget_months(months((1, str(annual))), profile, previous)
    assert sum(spread_.months, D(0)) == annual
    assert spread_.to_date(12) == annual
    assert spread_.profile == profile


@given(annual=st.one_of(ORE, KRONOR), weights=WEIGHTS, unit=st.sampled_from([D(1), D(1000)]))
def test_each_spread_month_is_within_one_unit_of_its_exact_share(
    annual: D, weights: tuple[D, ...], unit: D
) -> None:
    parts = spread(annual, weights, unit)
    assert sum(parts, D(0)) == annual
    # Whole units where the budget is a whole number of them, else its own last digit.
    step = next(q for q in (unit, D(1), D("0.1"), D("0.01")) if annual % q == 0)
    total = sum(weights, D(0))
    for part, weight in zip(parts, weights, strict=True):
        assert part % step == 0
        assert abs(part - annual * weight / total) < step


@given(
    previous=st.lists(st.integers(1, 10**6), min_size=12, max_size=12),
    factor=st.integers(1, 1000),
    elapsed=ELAPSED,
)
def test_seasonal_forecast_of_a_year_shaped_like_the_last_is_its_total(
    previous: list[int], factor: int, elapsed: int
) -> None:
    last = tuple(D(p) for p in previous)
    this = tuple(p * D(factor).scaleb(-2) for p in last)
    assert seasonal(sum(this[:elapsed], D(0)), last, elapsed) == sum(this, D(0))


@given(outcome=YEAR, budget=YEAR, previous=WEIGHTS)
def test_at_the_years_end_every_method_forecasts_the_outcome(
    outcome: tuple[D, ...], budget: tuple[D, ...], previous: tuple[D, ...]
) -> None:
    total = sum(outcome, D(0))
    for proposal in proposals(total, 12, budget, previous):
        assert proposal.amount == total


@given(shares=st.lists(st.integers(0, 30), min_size=12, max_size=12))
def test_an_explicit_profile_is_accepted_exactly_when_it_sums_to_100(shares: list[int]) -> None:
    problem = explicit_profile_problem(tuple(D(s) for s in shares))
    assert (problem is None) == (sum(shares) == 100)


@given(year_months=st.lists(st.integers(1, 12), min_size=1, max_size=30), amount=ORE)
def test_outcome_to_date_of_the_year_is_the_sum_of_every_month(
    year_months: list[int], amount: D
) -> None:
    assume(amount != 0)
    amounts = {(f"50{i:02}", 202400 + m): amount for i, m in enumerate(year_months)}
    (personal,) = monthly_by_line((PERSONAL,), amounts, period().year_months)
    assert personal.to_date(12) == amount * len(year_months)
