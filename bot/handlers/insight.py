"""Staff insight: recording what visitors ask (never who), /insight with its chart, the weekly
digest, and the background jobs that write, purge and send."""

import asyncio
import logging
from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.handlers import callbacks
from bot.handlers.common import answer, language, reply, services
from bot.handlers.staff import authorised
from bot.insight.chart import insight_chart
from bot.insight.digest import (
    DIGEST_DAYS,
    claim_week,
    is_reader,
    readers,
    set_reader,
    week_due,
    week_sent,
)
from bot.insight.events import AskRecord
from bot.insight.recorder import purge
from bot.insight.report import WINDOWS, InsightReport, insight_report
from bot.insight.rollup import last_closed_day, roll_up
from bot.services import Services
from bot.store.types import utc_now
from bot.store.users import read_user_state
from bot.texts import Html, Language, plain, render
from bot.texts.insight import chart_labels, insight_text

logger = logging.getLogger(__name__)


def record(update: Update, context: ContextTypes.DEFAULT_TYPE, asked: AskRecord) -> None:
    """Note what was asked for staff insight: in memory only, so it never delays the reply, and
    a failure here is logged rather than raised into the handler."""
    try:
        user = update.effective_user
        services(context).recorder.record(asked, user_id=user.id if user else None)
    except Exception:
        logger.exception("could not record an insight event")


async def compute(shared: Services, days: int) -> InsightReport:
    """The report on the last `days` days, with this instance's buffered records written first."""
    await shared.recorder.flush(shared.engine)
    return await insight_report(shared.engine, days=days)


async def send_insight(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    lang: Language,
    report: InsightReport,
    markup: InlineKeyboardMarkup | None = None,
    title: Html | None = None,
) -> None:
    """The chart as a photo, then the text (too long for a caption)."""
    catalog = services(context).live.catalog
    png = await asyncio.to_thread(insight_chart, report, chart_labels(lang, report.days))
    await context.bot.send_photo(chat_id, png)
    text = insight_text(
        report,
        lang,
        product_names={
            i: (p.name_vi if lang == "vi" else p.name_en) for i, p in catalog.product_by_id.items()
        },
        point_names={i: p.name for i, p in catalog.point_by_id.items()},
    )
    if title is not None:
        text = Html(f"{title}\n\n{text}")
    await context.bot.send_message(chat_id, text, reply_markup=markup)


def digest_button(lang: Language, on: bool) -> InlineKeyboardMarkup:
    label = plain(lang, "btn_digest_off" if on else "btn_digest_on")
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=callbacks.digest(not on))]]
    )


async def insight_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/insight [7|30|90], for staff; anyone else sees what an unknown command gets."""
    chat, user = update.effective_chat, update.effective_user
    if not await authorised(update, context) or chat is None or user is None:
        return
    lang = language(update, context)
    arguments = context.args or []
    days = int(arguments[0]) if arguments and arguments[0].isdigit() else WINDOWS[0]
    if len(arguments) > 1 or days not in WINDOWS:
        await reply(update, render(lang, "insight_usage"))
        return
    shared = services(context)
    report = await compute(shared, days)
    async with shared.sessions() as session:
        reading = await is_reader(session=session, user_id=user.id)
    await send_insight(context, chat.id, lang, report, digest_button(lang, reading))


async def digest_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The weekly digest on or off, from the button under /insight."""
    query, user, match = update.callback_query, update.effective_user, context.match
    if not await authorised(update, context) or query is None or user is None or match is None:
        return
    on = match[1] == "on"
    lang = language(update, context)
    async with services(context).sessions() as session:
        await set_reader(session=session, user_id=user.id, language=lang, on=on)
    await answer(update, plain(lang, "insight_digest_on" if on else "insight_digest_off"))
    await query.edit_message_reply_markup(digest_button(lang, on))


async def flush_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    shared = services(context)
    await shared.recorder.flush(shared.engine)


async def purge_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Daily: yesterday's rollup (if no report made it yet), and records past their retention."""
    shared = services(context)
    now = utc_now()
    await roll_up(shared.engine, first_day=last_closed_day(now) - timedelta(days=7), now=now)
    days = shared.settings.insight_retention_days
    deleted = await purge(shared.engine, now=now, retention_days=days)
    if deleted:
        logger.info("Purged %d insight records older than %d days", deleted, days)


async def digest_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every few minutes: once Monday 08:00 has passed, the first instance to claim the week
    sends the digest to every reader who is still staff; the others find the week taken."""
    week = week_due(utc_now())
    shared = services(context)
    if week is None:
        return
    async with shared.sessions() as session:
        if await week_sent(session=session, week_start=week):
            return
        wanting = await readers(session=session)
        still_staff = [
            reader
            for reader in wanting
            if reader.user_id in shared.settings.staff_ids
            or (await read_user_state(session=session, user_id=reader.user_id)).in_staff_table
        ]
        instance = shared.sender.instance_id
        if not await claim_week(
            session=session, week_start=week, instance=instance, readers=len(still_staff)
        ):
            return
    if not still_staff:
        return
    report = await compute(shared, DIGEST_DAYS)
    for reader in still_staff:
        lang: Language = "en" if reader.language == "en" else "vi"
        try:
            title = render(lang, "insight_digest_title")
            await send_insight(context, reader.user_id, lang, report, title=title)
        except Exception:
            logger.exception("could not send the weekly digest to a reader")
