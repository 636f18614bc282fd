"""Problem reports: a user reports a product or point card (closed, wrong address, doesn't sell
this, or something else in their own words); staff list open reports with /reports, open the
card, and mark them resolved. A user may file REPORTS_PER_DAY reports a day.

The words for "something else" are the user's next text message: the card waiting for them is
kept on the user's row, which the user gate reads anyway, so other messages cost nothing.
"""

from datetime import UTC, datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.geo.hanoi import VIETNAM_TIME
from bot.handlers import callbacks
from bot.handlers.catalog import show_point, show_product
from bot.handlers.common import (
    answer,
    current_user,
    expired,
    language,
    pressed,
    reply,
    services,
)
from bot.handlers.staff import authorised
from bot.store.catalog import Catalog
from bot.store.reports import (
    NewReport,
    Problem,
    ProblemReport,
    ReportedItem,
    file_report,
    open_reports,
    reports_in_window,
    resolve_report,
    set_pending_report,
)
from bot.texts import Html, Language, clip, plain, render
from bot.texts.cards import point_name, product_name

REPORTS_PER_DAY = 5
WORDS_LIMIT = 200  # characters kept of the user's own words
WORDS_WAIT = timedelta(minutes=15)  # after this, the next message is a search again
LISTED = 10  # open reports shown by /reports


def item_name(catalog: Catalog, item: ReportedItem, item_id: int) -> str | None:
    """The name of the product or point, or None when the catalog no longer has it."""
    if item is ReportedItem.PRODUCT:
        product = catalog.product_by_id.get(item_id)
        return product.name_vi if product else None
    point = catalog.point_by_id.get(item_id)
    return point.name if point else None


def shown_name(catalog: Catalog, item: ReportedItem, item_id: int, lang: Language) -> str:
    """The product's or point's name as its card shows it in `lang` (the report keeps the
    catalog's key name for staff)."""
    if item is ReportedItem.PRODUCT and (product := catalog.product_by_id.get(item_id)):
        return product_name(product, lang)
    if item is ReportedItem.POINT and (point := catalog.point_by_id.get(item_id)):
        return point_name(point, lang)
    return item_name(catalog, item, item_id) or ""


def _pressed_card(context: ContextTypes.DEFAULT_TYPE) -> tuple[ReportedItem, int]:
    """The card a report button is about (its pattern requires both groups)."""
    return ReportedItem(pressed(context, 1) or ""), int(pressed(context, 2) or 0)


async def report_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """ "Report a problem" under a card: which problem?"""
    item, item_id = _pressed_card(context)
    name = item_name(services(context).live.catalog, item, item_id)
    if name is None:
        await expired(update, context)
        return
    await answer(update)
    lang = language(update, context)
    keyboard = [
        [
            InlineKeyboardButton(
                plain(lang, f"problem_{problem.value}"),
                callback_data=callbacks.report_problem(item.value, item_id, problem.value),
            )
        ]
        for problem in Problem
    ]
    shown = shown_name(services(context).live.catalog, item, item_id, lang)
    await reply(update, render(lang, "report_ask", name=shown), InlineKeyboardMarkup(keyboard))


async def problem_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    item, item_id = _pressed_card(context)
    problem = Problem(pressed(context, 3) or "")
    name = item_name(services(context).live.catalog, item, item_id)
    if name is None or user is None:
        await expired(update, context)
        return
    await answer(update)
    lang = language(update, context)
    if problem is not Problem.OTHER:
        await _file(update, context, NewReport(item, item_id, name, problem, user.id))
        return
    async with services(context).sessions() as session:
        if await reports_in_window(session=session, user_id=user.id) >= REPORTS_PER_DAY:
            await reply(update, render(lang, "report_limit", limit=REPORTS_PER_DAY))
            return
        target = f"{item.value}:{item_id}"
        await set_pending_report(session=session, user_id=user.id, target=target)
    await reply(update, render(lang, "report_describe", limit=WORDS_LIMIT))


async def _file(update: Update, context: ContextTypes.DEFAULT_TYPE, report: NewReport) -> None:
    lang = language(update, context)
    async with services(context).sessions() as session:
        filed = await file_report(session=session, report=report, limit=REPORTS_PER_DAY)
    if filed is None:
        await reply(update, render(lang, "report_limit", limit=REPORTS_PER_DAY))
        return
    shown = shown_name(services(context).live.catalog, report.item, report.item_id, lang)
    await reply(update, render(lang, "report_thanks", name=shown))


async def report_words(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before free-text search: the user's words for a "something else" report."""
    state = current_user(context)
    user, message = update.effective_user, update.effective_message
    if (
        state.report_pending is None
        or state.report_asked_at is None
        or state.report_asked_at < datetime.now(UTC) - WORDS_WAIT
        or user is None
        or message is None
        or not message.text
    ):
        return
    item_code, _, item_id = state.report_pending.partition(":")
    item = ReportedItem(item_code)
    async with services(context).sessions() as session:
        await set_pending_report(session=session, user_id=user.id, target=None)
    name = item_name(services(context).live.catalog, item, int(item_id))
    if name is None:
        await reply(update, render(language(update, context), "expired"))
    else:
        words = clip(message.text.strip(), WORDS_LIMIT)
        report = NewReport(item, int(item_id), name, Problem.OTHER, user.id, words)
        await _file(update, context, report)
    raise ApplicationHandlerStop


async def reports_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reports (staff): the oldest open reports, each with Open and Resolved buttons."""
    if not await authorised(update, context):
        return
    lang = language(update, context)
    async with services(context).sessions() as session:
        reports, total = await open_reports(session=session, limit=LISTED)
    lines = [render(lang, "reports_header", count=total)]
    lines += [report_line(report, lang) for report in reports]
    if not reports:
        lines.append(render(lang, "reports_none"))
    keyboard = [
        [
            InlineKeyboardButton(
                plain(lang, "btn_report_open").format(id=report.id),
                callback_data=callbacks.report_open(report.id or 0),
            ),
            InlineKeyboardButton(
                plain(lang, "btn_report_resolve").format(id=report.id),
                callback_data=callbacks.report_resolve(report.id or 0),
            ),
        ]
        for report in reports
    ]
    await reply(update, Html("\n\n".join(lines)), InlineKeyboardMarkup(keyboard))


def report_line(report: ProblemReport, lang: Language) -> Html:
    words = render(lang, "report_words", text=report.text) if report.text else ""
    return render(
        lang,
        "report_line",
        id=report.id,
        item=plain(lang, f"item_{report.item.value}"),
        name=clip(report.item_name, 120),
        problem=plain(lang, f"problem_{report.problem.value}"),
        words=Html(words),
        when=report.created_at.astimezone(VIETNAM_TIME).strftime("%d/%m/%Y %H:%M"),
    )


async def report_open_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Staff open the reported card, as the user saw it."""
    if not await authorised(update, context):
        return
    async with services(context).sessions() as session:
        report = await session.get(ProblemReport, int(pressed(context) or 0))
    if report is None:
        await expired(update, context)
        return
    await answer(update)
    catalog = services(context).live.catalog
    if item_name(catalog, report.item, report.item_id) is None:
        lang = language(update, context)
        await reply(update, render(lang, "report_item_gone", name=report.item_name))
    elif report.item is ReportedItem.PRODUCT:
        await show_product(update, context, report.item_id)
    else:
        await show_point(update, context, report.item_id)


async def report_resolve_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if not await authorised(update, context) or user is None:
        return
    report_id = int(pressed(context) or 0)
    async with services(context).sessions() as session:
        resolved = await resolve_report(session=session, report_id=report_id, staff_id=user.id)
    if not resolved:
        await expired(update, context)
        return
    await answer(update)
    await reply(update, render(language(update, context), "report_resolved", id=report_id))


async def forget_pending_report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """/cancel while a report waits for words: forget it. Whether there was one."""
    user = update.effective_user
    if current_user(context).report_pending is None or user is None:
        return False
    async with services(context).sessions() as session:
        await set_pending_report(session=session, user_id=user.id, target=None)
    await reply(update, render(language(update, context), "report_cancelled"))
    return True
