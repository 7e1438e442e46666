"""Values and dates against their quotations: a figure's value, and a date known to the day
or the month, must be what the row's quote writes; a value must lie within its unit's bounds.

The prose rule (rules.prose_numbers) checks text against values; these check values against
the quote, so that a typo in `value` or `date` cannot pass for a sourced fact.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from .raw import RawPackage
from .report import problem
from .written import numbers_in, stated_values, states_day, states_month

# Date columns and the precision column that says how well each is known (the one table of
# them: rules.py reads it too).
DATED = {
    "date": "date_precision",
    "founded": "founded_precision",
    "since": "since_precision",
    "until": "until_precision",
    "deadline": "deadline_precision",
    "period": "period_precision",
}
# An announcement's end shares its start's precision; it too is written in the quote.
QUOTED_DATES = DATED | {"date_end": "date_precision"}
CHECKERS = {"day": states_day, "month": states_month}


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def _shown(quote: str) -> str:
    """The numbers a quote writes, for the message ("10, 8, 15, 32" or "—")."""
    return ", ".join(dict.fromkeys(tok for tok, _, _ in numbers_in(quote))) or "—"


def quoted_values(pkg: RawPackage, today: date):
    """A figure's value (and upper value) is stated in its quote, in any written form; a
    change is quoted without its sign as often as with it, so the magnitude is compared."""
    t = pkg.tables.get("figures")
    for line, row in t.rows if t else []:
        quote = row.get("quote", "")
        stated = None
        for col in ("value", "value_max"):
            value = _decimal(row.get(col, ""))
            if value is None:
                continue  # empty, or frictionless reports the type
            stated = stated if stated is not None else stated_values(quote)
            if abs(value) not in stated:
                yield problem(
                    t.path, line, col, "value-not-quoted", value=row[col], found=_shown(quote)
                )


def quoted_dates(pkg: RawPackage, today: date):
    """A date at day or month precision is written in the quote ("1er juillet 2025",
    "juillet 2025", "12/02/2025"); other precisions are checked by rules.precisions."""
    for t in pkg.tables.values():
        if "quote" not in t.header:
            continue
        pairs = [(c, p) for c, p in QUOTED_DATES.items() if c in t.header and p in t.header]
        for line, row in t.rows:
            for col, pcol in pairs:
                check = CHECKERS.get(row.get(pcol, ""))
                try:
                    when = date.fromisoformat(row.get(col, ""))
                except ValueError:
                    continue
                if check and not check(row.get("quote", ""), when):
                    yield problem(
                        t.path, line, col, "date-not-quoted", date=when, precision=row[pcol]
                    )


def unit_bounds(pkg: RawPackage, today: date):
    """A value lies within its unit's bounds (units.csv): a share of a population is 0-100."""
    figures, units = pkg.tables.get("figures"), pkg.tables.get("units")
    if not figures or not units or "minimum" not in units.header:
        return
    bounds = {
        row["id"]: (_decimal(row.get("minimum", "")), _decimal(row.get("maximum", "")))
        for _, row in units.rows
    }
    for line, row in figures.rows:
        low, high = bounds.get(row.get("unit", ""), (None, None))
        for col in ("value", "value_max"):
            value = _decimal(row.get(col, ""))
            if value is None:
                continue
            if (low is not None and value < low) or (high is not None and value > high):
                yield problem(
                    figures.path,
                    line,
                    col,
                    "unit-bounds",
                    value=row[col],
                    unit=row["unit"],
                    low="−∞" if low is None else low,
                    high="+∞" if high is None else high,
                )
