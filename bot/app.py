"""Builds the Telegram `Application`: every handler is registered here, in order."""

import logging
from datetime import time
from functools import partial

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.broadcast.sender import Sender, SenderOptions
from bot.broadcast.telegram_send import telegram_sender
from bot.config import Settings
from bot.geo.hanoi import VIETNAM_TIME
from bot.geo.wards import ward_directory
from bot.handlers import callbacks
from bot.handlers.awaited import cancel_command, staff_message
from bot.handlers.browse import browse_command, browse_pressed, categories_pressed
from bot.handlers.catalog import (
    point_page_pressed,
    point_pressed,
    product_pressed,
    venue_pressed,
)
from bot.handlers.common import expired, services
from bot.handlers.errors import on_error
from bot.handlers.event_dialogue import (
    event_action_pressed,
    event_announce_pressed,
    event_command,
    event_field_pressed,
    event_open_pressed,
    event_ward_pressed,
)
from bot.handlers.events import show_events
from bot.handlers.gate import FloodGuard, flood_gate, user_gate
from bot.handlers.inline import inline_query
from bot.handlers.insight import digest_job, digest_pressed, flush_job, insight_command, purge_job
from bot.handlers.menus import COMMANDS, publish_command_menus, refresh_staff_menus
from bot.handlers.nearby import location_shared, near_command, ward_pressed
from bot.handlers.reports import (
    problem_pressed,
    report_open_pressed,
    report_pressed,
    report_resolve_pressed,
    report_words,
    reports_command,
)
from bot.handlers.search import free_text, not_understood, page_pressed, unknown_command
from bot.handlers.staff import (
    announce,
    announcements,
    audience_pressed,
    decision_pressed,
    news_footer,
    offer_catalog_drafts,
    report_to_staff,
)
from bot.handlers.start import choose_language, help_command, language_chosen, menu_chosen, start
from bot.handlers.subscribe import (
    home_ward_pressed,
    membership_changed,
    news_settings_pressed,
    reactivate_on_start,
    settings_command,
    subscribe_command,
    topic_pressed,
    unsubscribe_command,
    unsubscribe_pressed,
)
from bot.services import Services, freeze_long_lived, read_live_catalog
from bot.store.db import create_current_engine, session_factory

logger = logging.getLogger(__name__)
__all__ = ["COMMANDS", "build_application"]
NO_PREVIEWS = LinkPreviewOptions(is_disabled=True)
PURGE_AT = time(3, 0, tzinfo=VIETNAM_TIME)  # insight records past their retention go daily
DIGEST_CHECK_SECONDS = 60  # how often an instance looks whether the weekly digest is due
DRAFT_OFFER_SECONDS = 30  # how often an instance looks for drafts `catalog load` made


def build_application(settings: Settings) -> Application:  # type: ignore[type-arg]
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    base_url = settings.telegram_api_base_url
    application = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(base_url)
        .base_file_url(base_url.removesuffix("/bot") + "/file/bot")
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEWS))
        .concurrent_updates(True)
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
        .build()
    )
    application.bot_data["settings"] = settings
    application.bot_data["flood_guard"] = FloodGuard()
    register_handlers(application)
    return application


def register_handlers(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(TypeHandler(Update, flood_gate), group=-4)
    application.add_handler(TypeHandler(Update, user_gate), group=-3)
    # a staff dialogue, then a problem report, waiting for text take it before the search does
    staff_input = filters.UpdateType.MESSAGE & ((filters.TEXT & ~filters.COMMAND) | filters.PHOTO)
    application.add_handler(MessageHandler(staff_input, staff_message), group=-2)
    typed = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    application.add_handler(MessageHandler(typed, report_words), group=-1)
    for command, callback in (
        ("start", start),
        ("help", help_command),
        ("lang", choose_language),
        ("browse", browse_command),
        ("near", near_command),
        ("events", show_events),
        ("subscribe", subscribe_command),
        ("settings", settings_command),
        ("unsubscribe", unsubscribe_command),
        ("announce", announce),
        ("announcements", announcements),
        ("cancel", cancel_command),
        ("event", event_command),
        ("reports", reports_command),
        ("insight", insight_command),
    ):
        application.add_handler(CommandHandler(command, callback))
    application.add_handler(CommandHandler("start", reactivate_on_start), group=1)
    application.add_handler(ChatMemberHandler(membership_changed, ChatMemberHandler.MY_CHAT_MEMBER))
    for pattern, callback in (
        (callbacks.PRODUCT, product_pressed),
        (callbacks.POINT, point_pressed),
        (callbacks.VENUE, venue_pressed),
        (callbacks.POINT_PAGE, point_page_pressed),
        (callbacks.CATEGORIES, categories_pressed),
        (callbacks.BROWSE, browse_pressed),
        (callbacks.WARD, ward_pressed),
        (callbacks.PAGE, page_pressed),
        (callbacks.MENU, menu_chosen),
        (callbacks.LANGUAGE, language_chosen),
        (callbacks.TOPIC, topic_pressed),
        (callbacks.HOME_WARD, home_ward_pressed),
        (callbacks.UNSUBSCRIBE, unsubscribe_pressed),
        (callbacks.AUDIENCE, audience_pressed),
        (callbacks.DECISION, decision_pressed),
        (callbacks.EVENT_ACTION, event_action_pressed),
        (callbacks.EVENT_OPEN, event_open_pressed),
        (callbacks.EVENT_FIELD, event_field_pressed),
        (callbacks.EVENT_WARD, event_ward_pressed),
        (callbacks.EVENT_ANNOUNCE, event_announce_pressed),
        (callbacks.REPORT, report_pressed),
        (callbacks.REPORT_PROBLEM, problem_pressed),
        (callbacks.REPORT_OPEN, report_open_pressed),
        (callbacks.REPORT_RESOLVE, report_resolve_pressed),
        (callbacks.DIGEST, digest_pressed),
        (callbacks.NEWS_SETTINGS, news_settings_pressed),
    ):
        application.add_handler(CallbackQueryHandler(callback, pattern=pattern))
    application.add_handler(CallbackQueryHandler(expired))  # stale or forged buttons
    application.add_handler(InlineQueryHandler(inline_query))
    new_messages = filters.UpdateType.MESSAGE
    application.add_handler(MessageHandler(new_messages & filters.LOCATION, location_shared))
    application.add_handler(
        MessageHandler(new_messages & filters.TEXT & ~filters.COMMAND, free_text)
    )
    application.add_handler(MessageHandler(new_messages & filters.COMMAND, unknown_command))
    application.add_handler(MessageHandler(new_messages & filters.ChatType.PRIVATE, not_understood))
    application.add_error_handler(on_error)


async def post_init(application: Application) -> None:  # type: ignore[type-arg]
    settings: Settings = application.bot_data["settings"]
    engine = await create_current_engine(settings.database_url)
    sessions = session_factory(engine)
    async with sessions() as session:
        live = await read_live_catalog(session=session)
    ward_directory()  # built once here rather than on the first user's question
    if not live.catalog.products:
        logger.warning("The catalog is empty: run `python -m bot catalog load`")
    sender = Sender(
        engine=engine,
        send=telegram_sender(
            application.bot, paid_broadcast=settings.paid_broadcasts, footer=news_footer()
        ),
        on_finished=partial(report_to_staff, application),
        instance_id=settings.instance_id,
        options=SenderOptions(rate=settings.broadcast_rate),
    )
    await sender.start()
    application.bot_data["services"] = Services(settings, engine, sessions, live, sender)
    await publish_command_menus(application.bot)
    await refresh_staff_menus(application)
    if application.job_queue:
        jobs = application.job_queue
        jobs.run_repeating(
            refresh_catalog,
            interval=settings.catalog_refresh_seconds,
            first=settings.catalog_refresh_seconds,
        )
        jobs.run_repeating(offer_catalog_drafts, interval=DRAFT_OFFER_SECONDS, first=5)
        flush = settings.insight_flush_seconds
        jobs.run_repeating(flush_job, interval=flush, first=flush)
        jobs.run_daily(purge_job, time=PURGE_AT)
        jobs.run_repeating(digest_job, interval=DIGEST_CHECK_SECONDS, first=DIGEST_CHECK_SECONDS)
    freeze_long_lived()


async def refresh_catalog(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Pick up a `catalog load` made by another process: swap in the new index atomically."""
    shared = services(context)
    async with shared.sessions() as session:
        if await shared.refresh(session=session):
            logger.info("Catalog version %s loaded", shared.live.version)
    await refresh_staff_menus(context.application)


async def post_stop(application: Application) -> None:  # type: ignore[type-arg]
    """Before the bot's HTTP client closes: let the sender finish its calls in flight."""
    shared: Services | None = application.bot_data.get("services")
    if shared:
        await shared.recorder.flush(shared.engine)
        await shared.sender.stop()


async def post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
    shared: Services | None = application.bot_data.get("services")
    if shared:
        await shared.close()
