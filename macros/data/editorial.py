"""Editorial choices read from the package: the featured figures (home page, one-page
briefing, preview cards) and the charts, in the order their `rank` gives.

They are data (featured_figures.csv, charts.csv) so that a curator features a new source's
figure or charts a new indicator without code; the validator checks them
(check/editorial_rules.py), so a build never meets an unknown id here.
"""

from dataclasses import dataclass

from .records import Record, Records


def _ranked(rows: dict[str, Record]) -> list[Record]:
    return sorted(rows.values(), key=lambda r: r.rank)


@dataclass(frozen=True)
class Editorial:
    figures: list[Record]  # the featured figures, headline first
    headline: Record | None  # the headline target
    cards: list[Record]  # the figures that get a preview card of their own
    charts: list[Record]  # the charts, in order (rows of charts.csv)
    home_chart: Record | None  # the chart of the home page and of the one-page briefing

    @classmethod
    def read(cls, data: Records) -> "Editorial":
        featured = _ranked(data.get("featured_figures", {}))
        heads = [f for f in featured if f.headline]
        # The headline opens the home page whatever its rank.
        ordered = heads + [f for f in featured if not f.headline]
        figures = [data["figures"][f.figure_id] for f in ordered]
        charts = _ranked(data.get("charts", {}))
        return cls(
            figures=figures,
            headline=figures[0] if heads else None,
            cards=[data["figures"][f.figure_id] for f in ordered if f.card or f.headline],
            charts=charts,
            home_chart=next((c for c in charts if c.home), None),
        )

    def chart(self, chart_id: str) -> Record:
        return next(c for c in self.charts if c.id == chart_id)
