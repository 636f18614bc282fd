"""The /insight report as Telegram HTML (and plain text for the command line), and the chart's
labels, in either language."""

import html
import re
from collections.abc import Mapping

from bot.geo.hanoi import hanoi_units
from bot.insight.chart import ChartLabels
from bot.insight.report import InsightReport
from bot.texts import Html, Language, clip, plain, render

ITEM_TEXT = 60  # characters of a query or name in a list line
DATE = "%d/%m/%Y"


def insight_text(
    report: InsightReport,
    lang: Language,
    *,
    product_names: Mapping[int, str],
    point_names: Mapping[int, str],
) -> Html:
    """Every section of the report; names of products and points come from the catalog."""
    share = round(100 * report.unmet / report.searches) if report.searches else 0
    sections = [
        render(
            lang,
            "insight_header",
            days=report.days,
            first=report.first_day.strftime(DATE),
            last=report.last_day.strftime(DATE),
            searches=report.searches,
            unmet=report.unmet,
            share=share,
            visitors=report.visitors,
        )
    ]

    def section(title: str, lines: list[Html]) -> None:
        sections.append(Html("\n".join([render(lang, title), *(lines or [_empty(lang)])])))

    section(
        "insight_top_queries",
        [_item(lang, n, q.text, q.count) for n, q in enumerate(report.top_queries, 1)],
    )
    section(
        "insight_top_unmet",
        [
            render(
                lang,
                "insight_unmet_item",
                n=n,
                text=clip(u.text, ITEM_TEXT),
                asked_in=u.language,
                count=u.count,
            )
            for n, u in enumerate(report.top_unmet, 1)
        ],
    )
    section(
        "insight_products",
        [
            _item(lang, n, product_names.get(o.target_id, f"#{o.target_id}"), o.count)
            for n, o in enumerate(report.top_products, 1)
        ],
    )
    directions = {o.target_id: o.count for o in report.directions}
    section(
        "insight_points",
        [
            render(
                lang,
                "insight_point_item",
                n=n,
                text=clip(point_names.get(o.target_id, f"#{o.target_id}"), ITEM_TEXT),
                count=o.count,
                directions=directions.get(o.target_id, 0),
            )
            for n, o in enumerate(report.top_points, 1)
        ],
    )
    section(
        "insight_wards",
        [_item(lang, n, _ward_name(w.ward_code), w.count) for n, w in enumerate(report.wards, 1)],
    )
    sections.append(
        render(
            lang, "insight_subscribers", new=report.new_subscribers, lost=report.lost_subscribers
        )
    )
    return Html("\n\n".join(sections))


def _item(lang: Language, n: int, text: str, count: int) -> Html:
    return render(lang, "insight_item", n=n, text=clip(text, ITEM_TEXT), count=count)


def _ward_name(code: str) -> str:
    unit = hanoi_units().get(code)
    return unit.name if unit else code


def _empty(lang: Language) -> Html:
    return render(lang, "insight_empty")


def chart_labels(lang: Language, days: int) -> ChartLabels:
    return ChartLabels(
        title=plain(lang, "chart_title").format(days=days),
        searches=plain(lang, "chart_searches"),
        unmet_share=plain(lang, "chart_unmet_share"),
        top_unmet=plain(lang, "chart_top_unmet"),
        nothing_unmet=plain(lang, "chart_nothing_unmet"),
    )


_TAG = re.compile(r"<[^>]+>")


def as_plain_text(text: Html) -> str:
    """Telegram HTML as terminal text: tags dropped, entities decoded."""
    return html.unescape(_TAG.sub("", text))
