"""Builds the Telegram `Application`: every handler is registered here, in order."""

import logging
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
from bot.geo.wards import ward_directory
from bot.handlers import callbacks
from bot.handlers.browse import browse_command, browse_pressed, categories_pressed
from bot.handlers.catalog import (
    point_page_pressed,
    point_pressed,
    product_pressed,
    venue_pressed,
)
from bot.handlers.common import expired, services
from bot.handlers.errors import on_error
from bot.handlers.events import show_events
from bot.handlers.gate import FloodGuard, flood_gate, user_gate
from bot.handlers.inline import inline_query
from bot.handlers.menus import COMMANDS, publish_command_menus, refresh_staff_menus
from bot.handlers.nearby import location_shared, near_command, ward_pressed
from bot.handlers.search import free_text, not_understood, page_pressed, unknown_command
from bot.handlers.staff import (
    announce,
    announcements,
    audience_pressed,
    cancel_command,
    decision_pressed,
    report_to_staff,
    staff_message,
)
from bot.handlers.start import choose_language, help_command, language_chosen, menu_chosen, start
from bot.handlers.subscribe import (
    home_ward_pressed,
    membership_changed,
    reactivate_on_start,
    settings_command,
    subscribe_command,
    topic_pressed,
    unsubscribe_command,
    unsubscribe_pressed,
)
from bot.services import Services, read_live_catalog, refreshed
from bot.store.db import create_current_engine, session_factory

logger = logging.getLogger(__name__)
__all__ = ["COMMANDS", "build_application"]
NO_PREVIEWS = LinkPreviewOptions(is_disabled=True)


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
    application.add_handler(TypeHandler(Update, flood_gate), group=-3)
    application.add_handler(TypeHandler(Update, user_gate), group=-2)
    # a staff dialogue waiting for text takes it before the search does
    staff_input = filters.UpdateType.MESSAGE & ((filters.TEXT & ~filters.COMMAND) | filters.PHOTO)
    application.add_handler(MessageHandler(staff_input, staff_message), group=-1)
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
        send=telegram_sender(application.bot, paid_broadcast=settings.paid_broadcasts),
        on_finished=partial(report_to_staff, application),
        instance_id=settings.instance_id,
        options=SenderOptions(rate=settings.broadcast_rate),
    )
    await sender.start()
    application.bot_data["services"] = Services(settings, engine, sessions, live, sender)
    await publish_command_menus(application.bot)
    await refresh_staff_menus(application)
    if application.job_queue:
        application.job_queue.run_repeating(
            refresh_catalog,
            interval=settings.catalog_refresh_seconds,
            first=settings.catalog_refresh_seconds,
        )


async def refresh_catalog(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Pick up a `catalog load` made by another process: swap in the new index atomically."""
    shared = services(context)
    async with shared.sessions() as session:
        live = await refreshed(shared.live, session=session)
    if live is not shared.live:
        logger.info("Catalog version %s loaded", live.version)
        shared.live = live
    await refresh_staff_menus(context.application)


async def post_stop(application: Application) -> None:  # type: ignore[type-arg]
    """Before the bot's HTTP client closes: let the sender finish its calls in flight."""
    shared: Services | None = application.bot_data.get("services")
    if shared:
        await shared.sender.stop()


async def post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
    shared: Services | None = application.bot_data.get("services")
    if shared:
        await shared.engine.dispose()
