"""What compares with what: figures whose sources differ, and parts of a whole.

Two figures say the same thing only when they share an indicator, a place, a segment, an
organisation and a period (the period a measurement covers, not the day it was published).
When such figures come from different sources with different values, the sources differ: the
briefing shows them together and never picks one silently; a curator may mark the one its
charts and headline use (preferred_figures.csv). A figure with no period never differs from
another: nothing says they measure the same time. Targets are aims, not findings, and a part
(part_of) is a share of its whole, not a rival value.

The functions read typed records and raw text rows alike (both are dicts; an empty cell is
None or ""), so the validator and the build agree on every group.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# The columns that make two figures statements of the same thing.
SAME = ("indicator_id", "geo", "segment", "organisation_id", "period", "period_precision")
# The columns the published figures table adds (schemas/figures.json, "computedFields").
COMPUTED = ("differs_from",)


def _text(value) -> str:
    return "" if value is None else str(value)


def _number(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def key(row) -> tuple[str, ...] | None:
    """What a figure states, or None for a figure that compares with no other."""
    if not row.get("period") or row.get("kind") == "target" or row.get("part_of"):
        return None
    return tuple(_text(row.get(c)) for c in SAME)


def amount(row) -> tuple:
    """The value as a comparable pair (a range is its two ends)."""
    return (_number(row.get("value")), _number(row.get("value_max")))


@dataclass(frozen=True)
class Disagreement:
    """Figures stating the same thing with different values, in the package's order."""

    key: tuple[str, ...]
    figures: tuple  # the rows, each with its id
    preferred: str | None  # the figure a curator marked for the charts and headline

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(_text(f.get("id")) for f in self.figures)

    def others(self, figure_id: str) -> list:
        return [f for f in self.figures if f.get("id") != figure_id]

    def hidden(self) -> list:
        """The figures the charts leave out: all but the preferred, once one is marked."""
        return self.others(self.preferred) if self.preferred else []


def disagreements(figures, preferred=()) -> list[Disagreement]:
    """Every group of figures whose sources differ. `figures`: rows (dicts); `preferred`: the
    ids of preferred_figures.csv."""
    groups: dict[tuple, list] = defaultdict(list)
    for row in figures:
        if (k := key(row)) is not None:
            groups[k].append(row)
    marked = set(preferred)
    out = []
    for k, rows in groups.items():
        sources = {_text(r.get("source_id")) for r in rows}
        if len(sources) < 2 or len({amount(r) for r in rows}) < 2:
            continue
        chosen = [_text(r.get("id")) for r in rows if _text(r.get("id")) in marked]
        out.append(Disagreement(k, tuple(rows), chosen[0] if chosen else None))
    return out


def preference(data, figure_id: str):
    """The preferred_figures row that prefers this figure (its reason in each language)."""
    return next(p for p in data["preferred_figures"].values() if p.figure_id == figure_id)


def parts_of(figures) -> dict[str, list]:
    """{whole's id: its parts, in the package's order}."""
    out: dict[str, list] = defaultdict(list)
    for row in figures:
        if whole := row.get("part_of"):
            out[whole].append(row)
    return dict(out)


def track(data) -> None:
    """Give every figure record its computed field: the ids it differs from."""
    preferred = [p.figure_id for p in data.get("preferred_figures", {}).values()]
    differing: dict[str, list[str]] = {}
    for group in disagreements(data["figures"].values(), preferred):
        for fig in group.figures:
            # Only other sources' values: a source does not differ from itself.
            differing[fig.id] = [o.id for o in group.others(fig.id) if o.source_id != fig.source_id]
    for fig in data["figures"].values():
        fig["differs_from"] = " ".join(differing.get(fig.id, [])) or None


def charted(figures, chart) -> list:
    """The figures a chart row draws as bars, points or targets: its indicator's, of its place
    if it names one; parts are drawn inside their whole, not as figures of their own."""
    return [
        f
        for f in figures
        if f.get("indicator_id") == chart.get("indicator_id")
        and (not chart.get("geo") or f.get("geo") == chart["geo"])
        and not f.get("part_of")
    ]


def over_time(figures) -> bool:
    """A chart is drawn over time when its measured figures cover several periods."""
    return len({f.get("period") for f in figures if f.get("kind") != "target"} - {None, ""}) > 1
