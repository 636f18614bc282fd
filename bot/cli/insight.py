"""`python -m bot insight --days N [--json] [--png FILE]`: what /insight shows staff."""

import argparse
import dataclasses
import json
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import get_settings
from bot.insight.chart import insight_chart
from bot.insight.report import WINDOWS, insight_report
from bot.store.catalog import read_catalog
from bot.store.db import open_session
from bot.texts import LANGUAGES, Language
from bot.texts.insight import as_plain_text, chart_labels, insight_text


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "insight",
        help="what visitors asked for and could not find (as /insight shows staff)",
        description="Top queries, unmet queries, opened cards, demand by ward, subscribers.",
    )
    parser.add_argument("--days", type=int, choices=WINDOWS, default=WINDOWS[0])
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--png", type=Path, metavar="FILE", help="also write the chart there")
    parser.add_argument("--lang", choices=LANGUAGES, default="en")
    parser.set_defaults(handler=insight_command)


async def insight_command(args: argparse.Namespace) -> int:
    lang: Language = args.lang
    async with open_session(get_settings().database_url) as session:
        catalog = await read_catalog(session=session)
        engine = session.bind
        assert isinstance(engine, AsyncEngine)
        report = await insight_report(engine, days=args.days)
    if args.json:
        print(json.dumps(dataclasses.asdict(report), default=str, ensure_ascii=False, indent=2))
    else:
        text = insight_text(
            report,
            lang,
            product_names={
                i: (p.name_vi if lang == "vi" else p.name_en)
                for i, p in catalog.product_by_id.items()
            },
            point_names={i: p.name for i, p in catalog.point_by_id.items()},
        )
        print(as_plain_text(text))
    if args.png:
        args.png.write_bytes(insight_chart(report, chart_labels(lang, args.days)))
    return 0
