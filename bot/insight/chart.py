"""The /insight chart as PNG bytes: searches per day with the unmet share, and the top unmet
requests as bars. matplotlib with the Agg backend (no display); imported on first use."""

import io
from dataclasses import dataclass

from bot.insight.report import InsightReport, every_day


@dataclass(frozen=True)
class ChartLabels:
    """The chart's words, in the reader's language (the texts layer fills them in)."""

    title: str  # "Searches per day, last 30 days"
    searches: str
    unmet_share: str  # "unmet %"
    top_unmet: str  # "Most asked, not found"
    nothing_unmet: str


def insight_chart(report: InsightReport, labels: ChartLabels) -> bytes:
    """Render the chart (about 0.1–0.3 s: run it in a thread from async code)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure  # a Figure, not pyplot: no global state, thread-safe

    days = every_day(report)
    figure = Figure(figsize=(8, 7), dpi=100, layout="constrained")
    per_day, unmet = figure.subplots(2, 1, height_ratios=(3, 2))
    x = list(range(len(days)))
    per_day.bar(x, [day.searches for day in days], color="#4c78a8", label=labels.searches)
    per_day.set_title(labels.title)
    per_day.set_ylabel(labels.searches)
    step = max(1, len(days) // 10)
    per_day.set_xticks(x[::step], [day.day.strftime("%d/%m") for day in days[::step]])
    share = per_day.twinx()
    share.plot(
        x,
        [100 * day.unmet / day.searches if day.searches else 0 for day in days],
        color="#e45756",
        marker="." if len(days) <= 31 else None,
        label=labels.unmet_share,
    )
    share.set_ylim(0, 100)
    share.set_ylabel(labels.unmet_share, color="#e45756")
    wanted = list(reversed(report.top_unmet))
    unmet.set_title(labels.top_unmet)
    if wanted:
        names = [f"{item.text[:40]} ({item.language})" for item in wanted]
        unmet.barh(range(len(wanted)), [item.count for item in wanted], color="#e45756")
        unmet.set_yticks(range(len(wanted)), names)
    else:
        unmet.text(0.5, 0.5, labels.nothing_unmet, ha="center", va="center")
        unmet.set_axis_off()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
