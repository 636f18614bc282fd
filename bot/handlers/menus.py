"""The command menus: every user command for everyone, and the staff commands only in each staff
member's own chat (a per-chat scope), set at start-up and whenever the staff list changes."""

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError
from telegram.ext import Application

from bot.broadcast.staff import list_staff
from bot.services import Services
from bot.texts import LANGUAGES, Language, plain

logger = logging.getLogger(__name__)
COMMANDS = (
    "start",
    "help",
    "browse",
    "near",
    "events",
    "subscribe",
    "settings",
    "unsubscribe",
    "lang",
)
STAFF_COMMANDS = ("announce", "announcements", "event", "reports", "insight", "cancel")
STAFF_MENUS = "staff_menus"  # bot_data: the user ids whose chat shows the staff menu
MENU_LANGUAGES: tuple[Language | None, ...] = (*LANGUAGES, None)  # None: any other language


def menu(lang: Language | None, names: tuple[str, ...]) -> list[BotCommand]:
    return [BotCommand(name, plain(lang or "en", f"cmd_{name}")) for name in names]


async def publish_command_menus(bot: Bot) -> None:
    """The menu everyone sees, in Vietnamese, English, and English for other languages."""
    for lang in MENU_LANGUAGES:
        await bot.set_my_commands(menu(lang, COMMANDS), language_code=lang)


async def staff_ids(services: Services) -> set[int]:
    """The STAFF_IDS setting plus the staff table."""
    async with services.sessions() as session:
        stored = {staff.user_id for staff in await list_staff(session=session)}
    return stored | set(services.settings.staff_ids)


async def refresh_staff_menus(application: Application) -> None:  # type: ignore[type-arg]
    """Give new staff the staff menu in their chat, and take it from former staff."""
    services: Services = application.bot_data["services"]
    shown: set[int] = application.bot_data.setdefault(STAFF_MENUS, set())
    wanted = await staff_ids(services)
    bot = application.bot
    for user_id in sorted(wanted - shown):
        scope = BotCommandScopeChat(user_id)
        try:
            for lang in MENU_LANGUAGES:
                commands = menu(lang, COMMANDS + STAFF_COMMANDS)
                await bot.set_my_commands(commands, scope=scope, language_code=lang)
        except TelegramError as error:  # e.g. a staff member who never opened the bot
            logger.warning("No staff menu for %s yet: %s", user_id, error)
            continue
        shown.add(user_id)
    for user_id in sorted(shown - wanted):
        scope = BotCommandScopeChat(user_id)
        try:
            for lang in MENU_LANGUAGES:
                await bot.delete_my_commands(scope=scope, language_code=lang)
        except TelegramError as error:
            logger.warning("Staff menu of %s not removed: %s", user_id, error)
            continue
        shown.discard(user_id)
