"""/subscribe, /settings, /unsubscribe, and following users who block or unblock the bot."""

from collections.abc import Sequence

from telegram import ChatMemberUpdated, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus
from telegram.ext import ContextTypes

from bot.broadcast.subscribers import (
    deactivate,
    get_subscriber,
    reactivate,
    set_home_ward,
    set_topics,
    subscribe,
    unsubscribe,
)
from bot.geo.hanoi import HanoiUnit, hanoi_units
from bot.handlers import callbacks
from bot.handlers.common import QUERY_LIMIT, answer, expired, language, reply, services
from bot.handlers.insight import record
from bot.insight.events import SubscriptionEvent
from bot.store.broadcast import Subscriber, Topic
from bot.texts import Html, Language, clip, plain, render

TOPIC_ORDER = (Topic.EVENTS, Topic.SHOWROOMS)


def settings_view(subscriber: Subscriber, lang: Language) -> tuple[Html, InlineKeyboardMarkup]:
    chosen = subscriber.topic_set
    topics = " · ".join(
        plain(lang, f"topic_{topic.value}") for topic in TOPIC_ORDER if topic in chosen
    )
    unit = hanoi_units().get(subscriber.home_ward_code or "")
    ward = unit.name if unit else plain(lang, "settings_no_ward")
    toggles = [
        InlineKeyboardButton(
            ("✅ " if topic in chosen else "⬜ ") + plain(lang, f"topic_{topic.value}"),
            callback_data=callbacks.topic(topic.value),
        )
        for topic in TOPIC_ORDER
    ]
    rows = [toggles]
    if unit:
        rows.append(
            [
                InlineKeyboardButton(
                    plain(lang, "btn_clear_ward"), callback_data=callbacks.home_ward(None)
                )
            ]
        )
    rows.append(
        [
            InlineKeyboardButton(
                plain(lang, "btn_unsubscribe"), callback_data=callbacks.UNSUBSCRIBE_DATA
            )
        ]
    )
    return render(lang, "settings_card", topics=topics, ward=ward), InlineKeyboardMarkup(rows)


async def subscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Subscribe (to everything, or keep the chosen topics); a place given sets the home ward."""
    chat = update.effective_chat
    if chat is None:
        return
    lang = language(update, context)
    place = clip(" ".join(context.args or []), QUERY_LIMIT)
    async with services(context).sessions() as session:
        existing = await get_subscriber(session=session, chat_id=chat.id)
        topics = existing.topic_set if existing and existing.topic_set else set(TOPIC_ORDER)
        subscriber = await subscribe(session=session, chat_id=chat.id, language=lang, topics=topics)
        if place:
            match = services(context).live.resolve_place(place)
            if match.unit is not None:
                subscriber = (
                    await set_home_ward(session=session, chat_id=chat.id, ward_code=match.unit.code)
                    or subscriber
                )
            else:
                await _ask_home_ward(update, lang, place, match.choices)
    text, keyboard = settings_view(subscriber, lang)
    await reply(update, text, keyboard)
    if existing is None or not existing.active:
        record(update, context, SubscriptionEvent(lang, joined=True))


async def _ask_home_ward(
    update: Update, lang: Language, place: str, units: Sequence[HanoiUnit]
) -> None:
    text = render(lang, "place_unknown", place=place)
    if units:
        text = Html(f"{text}\n{render(lang, 'home_ward_choose')}")
    keyboard = [
        [InlineKeyboardButton(unit.name, callback_data=callbacks.home_ward(unit.code))]
        for unit in units
    ]
    await reply(update, text, InlineKeyboardMarkup(keyboard))


async def settings_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    lang = language(update, context)
    async with services(context).sessions() as session:
        subscriber = await get_subscriber(session=session, chat_id=chat.id)
    if subscriber is None or not subscriber.active:
        await reply(update, render(lang, "not_subscribed"))
        return
    text, keyboard = settings_view(subscriber, lang)
    await reply(update, text, keyboard)


async def news_settings_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The button under every announcement: this subscriber's topics and the way out, as a
    new message (the announcement stays). Read from the database, so any instance answers."""
    await answer(update)
    await settings_command(update, context)


async def unsubscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    async with services(context).sessions() as session:
        existed = await unsubscribe(session=session, chat_id=chat.id)
    lang = language(update, context)
    await reply(update, render(lang, "unsubscribed"))
    if existed:
        record(update, context, SubscriptionEvent(lang, joined=False))


async def _show_settings_in_place(update: Update, subscriber: Subscriber, lang: Language) -> None:
    query = update.callback_query
    assert query is not None
    text, keyboard = settings_view(subscriber, lang)
    await query.edit_message_text(text, reply_markup=keyboard)


async def topic_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    match = context.match
    assert match is not None and chat is not None
    lang = language(update, context)
    topic = Topic(match[1])
    async with services(context).sessions() as session:
        subscriber = await get_subscriber(session=session, chat_id=chat.id)
        if subscriber is None or not subscriber.active:
            await expired(update, context)
            return
        topics = subscriber.topic_set ^ {topic}
        if not topics:
            await answer(update, plain(lang, "need_one_topic"))
            return
        subscriber = await set_topics(session=session, chat_id=chat.id, topics=topics) or subscriber
    await answer(update)
    await _show_settings_in_place(update, subscriber, lang)


async def home_ward_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    match = context.match
    assert match is not None and chat is not None
    code = None if match[1] == "none" else match[1]
    if code is not None and code not in hanoi_units():
        await expired(update, context)
        return
    async with services(context).sessions() as session:
        subscriber = await set_home_ward(session=session, chat_id=chat.id, ward_code=code)
    if subscriber is None or not subscriber.active:
        await expired(update, context)
        return
    await answer(update)
    lang = language(update, context)
    if match[1] == "none":
        await _show_settings_in_place(update, subscriber, lang)
    else:
        text, keyboard = settings_view(subscriber, lang)
        await reply(update, text, keyboard)


async def unsubscribe_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    assert chat is not None
    async with services(context).sessions() as session:
        existed = await unsubscribe(session=session, chat_id=chat.id)
    if not existed:
        await expired(update, context)
        return
    await answer(update)
    query = update.callback_query
    assert query is not None
    lang = language(update, context)
    await query.edit_message_text(render(lang, "unsubscribed"))
    record(update, context, SubscriptionEvent(lang, joined=False))


def _blocked(change: ChatMemberUpdated) -> bool | None:
    """True when the user blocked the bot, False when they unblocked it, else None."""
    old, new = change.old_chat_member.status, change.new_chat_member.status
    if new == ChatMemberStatus.BANNED and old != ChatMemberStatus.BANNED:
        return True
    if old == ChatMemberStatus.BANNED and new == ChatMemberStatus.MEMBER:
        return False
    return None


async def membership_changed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    change = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    blocked = _blocked(change)
    if blocked is None:
        return
    async with services(context).sessions() as session:
        if blocked:
            changed = await deactivate(session=session, chat_ids=[change.chat.id]) > 0
        else:
            changed = await reactivate(session=session, chat_id=change.chat.id)
    if changed:
        lang = language(update, context)
        record(update, context, SubscriptionEvent(lang, joined=not blocked))


async def reactivate_on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start after a block: the subscriber wants the news again (runs beside the /start reply)."""
    chat = update.effective_chat
    if chat is None or chat.type != "private":
        return
    async with services(context).sessions() as session:
        back = await reactivate(session=session, chat_id=chat.id)
    if back:
        record(update, context, SubscriptionEvent(language(update, context), joined=True))
