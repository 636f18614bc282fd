"""Staff announcements: /announce (write, choose the audience, preview, send or schedule),
/announcements, cancelling, and the report when a broadcast ends.

Every staff command and button checks authorisation again; a refusal is logged and answered
exactly like an unknown command or a stale button, so nobody learns that the command exists.
"""

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, ConversationHandler

from bot.broadcast.announcements import (
    BroadcastReport,
    audience_count,
    broadcast_report,
    cancel,
    confirm,
    create_announcement,
    list_announcements,
    schedule,
)
from bot.broadcast.staff import is_staff
from bot.catalog.hanoi import hanoi_units
from bot.geo.resolve import PlaceKind, resolve_place
from bot.handlers import callbacks
from bot.handlers.common import NO_PREVIEW, answer, expired, language, reply, services
from bot.store.broadcast import Announcement, AnnouncementStatus, Audience, DeliveryStatus, Topic
from bot.texts import Html, Language, clip, plain, render

logger = logging.getLogger(__name__)
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
TIME_FORMATS = ("%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M")
TEXT, AUDIENCE, WARD, CONFIRM, WHEN = range(5)
END = ConversationHandler.END
DRAFT = "announce_draft"  # user_data key: {"text", "photo", "id"}


async def authorised(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the sender is staff; a refusal is logged and answered neutrally."""
    user = update.effective_user
    if user is not None:
        shared = services(context)
        async with shared.sessions() as session:
            if await is_staff(
                session=session, user_id=user.id, settings_staff_ids=shared.settings.staff_ids
            ):
                return True
    logger.warning("Refused a staff action from user %s", user.id if user else None)
    if update.callback_query:
        await expired(update, context)
    else:
        await reply(update, render(language(update, context), "unknown_command"))
    return False


async def announce(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    if not await authorised(update, context):
        return END
    await reply(update, render(language(update, context), "announce_prompt"))
    return TEXT


async def draft_written(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    message = update.effective_message
    if not await authorised(update, context) or message is None or context.user_data is None:
        return END
    photo = message.photo[-1].file_id if message.photo else None
    text = message.caption if photo else message.text
    if not text:
        await reply(update, render(language(update, context), "announce_need_text", limit=1024))
        return TEXT
    context.user_data[DRAFT] = {"text": text, "photo": photo}
    lang = language(update, context)

    def choice(label: str, data: str) -> list[InlineKeyboardButton]:
        return [InlineKeyboardButton(label, callback_data=data)]

    keyboard = [
        choice(plain(lang, "audience_everyone"), callbacks.audience("everyone")),
        *(
            choice(
                render(lang, "audience_topic", topic=plain(lang, f"topic_{topic.value}")),
                callbacks.audience(topic.value),
            )
            for topic in Topic
        ),
        choice(plain(lang, "btn_audience_ward"), callbacks.audience("ward")),
    ]
    await reply(update, render(lang, "announce_audience"), InlineKeyboardMarkup(keyboard))
    return AUDIENCE


async def audience_chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    query = update.callback_query
    match = callbacks.AUDIENCE.match(query.data or "") if query else None
    if not await authorised(update, context) or match is None:
        return END
    await answer(update)
    choice = match[1]
    if choice == "ward":
        await reply(update, render(language(update, context), "announce_ward_prompt"))
        return WARD
    if choice.startswith("w"):
        if choice[1:] not in hanoi_units():
            return WARD
        return await _preview(update, context, Audience.WARD, choice[1:])
    if choice == "everyone":
        return await _preview(update, context, Audience.EVERYONE, None)
    return await _preview(update, context, Audience.TOPIC, choice)


async def ward_typed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    message = update.effective_message
    if not await authorised(update, context) or message is None or not message.text:
        return END
    lang = language(update, context)
    place = clip(message.text, 200)
    match = resolve_place(place, nicknames=services(context).live.place_nicknames)
    if match.unit is not None:
        return await _preview(update, context, Audience.WARD, match.unit.code)
    units = match.units if match.kind is PlaceKind.AMBIGUOUS else match.suggestions
    keyboard = [
        [InlineKeyboardButton(unit.name, callback_data=callbacks.audience(f"w{unit.code}"))]
        for unit in units
    ]
    await reply(update, render(lang, "place_unknown", place=place), InlineKeyboardMarkup(keyboard))
    return WARD


def audience_label(lang: Language, audience: Audience, value: str | None) -> str:
    if audience is Audience.TOPIC and value:
        return render(lang, "audience_topic", topic=plain(lang, f"topic_{value}"))
    if audience is Audience.WARD and value:
        unit = hanoi_units().get(value)
        return render(lang, "audience_ward", ward=unit.name if unit else value)
    return plain(lang, "audience_everyone")


async def _preview(
    update: Update, context: ContextTypes.DEFAULT_TYPE, audience: Audience, value: str | None
) -> int:
    draft = context.user_data.get(DRAFT) if context.user_data is not None else None
    user, chat = update.effective_user, update.effective_chat
    if draft is None or user is None or chat is None:
        return END
    lang = language(update, context)
    async with services(context).sessions() as session:
        announcement = await create_announcement(
            session=session,
            text=draft["text"],
            photo=draft["photo"],
            audience=audience,
            audience_value=value,
            created_by=user.id,
            language=lang,
        )
        count = await audience_count(session=session, audience=audience, audience_value=value)
    assert announcement.id is not None
    await send_announcement(context, chat.id, announcement)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    plain(lang, "btn_send_now"),
                    callback_data=callbacks.decision("send", announcement.id),
                ),
                InlineKeyboardButton(
                    plain(lang, "btn_schedule"),
                    callback_data=callbacks.decision("when", announcement.id),
                ),
            ],
            [
                InlineKeyboardButton(
                    plain(lang, "btn_cancel"),
                    callback_data=callbacks.decision("cancel", announcement.id),
                )
            ],
        ]
    )
    label = audience_label(lang, audience, value)
    await reply(update, render(lang, "announce_preview", audience=label, count=count), keyboard)
    return CONFIRM


async def send_announcement(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, announcement: Announcement
) -> None:
    """Exactly what subscribers receive (the sender sends plain text too)."""
    if announcement.photo:
        await context.bot.send_photo(chat_id, announcement.photo, caption=announcement.text)
    else:
        await context.bot.send_message(chat_id, announcement.text)


async def decision_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Send now, schedule or cancel a previewed announcement (also outside the conversation)."""
    query = update.callback_query
    match = callbacks.DECISION.match(query.data or "") if query else None
    if not await authorised(update, context) or query is None or match is None:
        return END
    action, announcement_id = match[1], int(match[2])
    lang = language(update, context)
    shared = services(context)
    async with shared.sessions() as session:
        recipients = 0
        if action == "send":
            done = await confirm(session=session, announcement_id=announcement_id)
            report = await broadcast_report(session=session, announcement_id=announcement_id)
            recipients = report.recipients if report else 0
        elif action == "cancel":
            done = await cancel(session=session, announcement_id=announcement_id)
        else:
            done = await _is_open(session, announcement_id)
    if not done:
        await expired(update, context)
        return END
    await answer(update)
    if action == "send":
        shared.sender.wake()
        text = render(lang, "announce_queued", id=announcement_id, count=recipients)
    elif action == "cancel":
        text = render(lang, "announce_cancelled")
    else:
        if context.user_data is not None:
            context.user_data[DRAFT] = {"id": announcement_id}
        text = render(lang, "announce_schedule_prompt", example=_example_time())
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW)
    return WHEN if action == "when" else END


async def _is_open(session: AsyncSession, announcement_id: int) -> bool:
    found = await session.get(Announcement, announcement_id)
    return found is not None and found.status in (
        AnnouncementStatus.DRAFT,
        AnnouncementStatus.SCHEDULED,
    )


def _example_time() -> str:
    soon = datetime.now(HANOI) + timedelta(days=1)
    return soon.replace(hour=8, minute=0).strftime(TIME_FORMATS[0])


def parse_local_time(text: str) -> datetime | None:
    """A Vietnam-time moment typed by staff, as an aware datetime; None if unreadable."""
    for time_format in TIME_FORMATS:
        try:
            return datetime.strptime(text.strip(), time_format).replace(tzinfo=HANOI)
        except ValueError:
            continue
    return None


async def time_typed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    message = update.effective_message
    if not await authorised(update, context) or message is None or context.user_data is None:
        return END
    lang = language(update, context)
    draft = context.user_data.get(DRAFT) or {}
    at = parse_local_time(message.text or "")
    if "id" not in draft:
        return END
    if at is None or at <= datetime.now(HANOI):
        await reply(update, render(lang, "announce_bad_time", example=_example_time()))
        return WHEN
    async with services(context).sessions() as session:
        scheduled = await schedule(session=session, announcement_id=draft["id"], at=at)
    if not scheduled:
        await reply(update, render(lang, "expired"))
        return END
    shown = at.strftime(TIME_FORMATS[1])
    await reply(update, render(lang, "announce_scheduled", id=draft["id"], at=shown))
    return END


async def cancel_conversation(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    await reply(update, render(language(update, context), "announce_cancelled"))
    return END


def announcement_line(report: BroadcastReport, lang: Language) -> Html:
    announcement = report.announcement
    counts = report.counts
    return render(
        lang,
        "announcement_line",
        id=announcement.id,
        status=plain(lang, f"status_{announcement.status.value}"),
        created=announcement.created_at.astimezone(HANOI).strftime(TIME_FORMATS[1]),
        sent=counts.get(DeliveryStatus.SENT, 0),
        queued=counts.get(DeliveryStatus.PENDING, 0) + counts.get(DeliveryStatus.SENDING, 0),
        failed=counts.get(DeliveryStatus.FAILED, 0) + counts.get(DeliveryStatus.UNCONFIRMED, 0),
        blocked=counts.get(DeliveryStatus.BLOCKED, 0),
        preview=clip(announcement.text, 80),
    )


async def announcements(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await authorised(update, context):
        return
    lang = language(update, context)
    async with services(context).sessions() as session:
        reports = await list_announcements(session=session, limit=10)
    lines = [render(lang, "announcements_header")]
    lines += [announcement_line(report, lang) for report in reports]
    if not reports:
        lines.append(render(lang, "announcements_none"))
    keyboard = [
        [
            InlineKeyboardButton(
                plain(lang, "btn_cancel_announcement").format(id=report.announcement.id),
                callback_data=callbacks.decision("cancel", report.announcement.id or 0),
            )
        ]
        for report in reports
        if report.announcement.status not in (AnnouncementStatus.DONE, AnnouncementStatus.CANCELLED)
    ]
    await reply(update, Html("\n\n".join(lines)), InlineKeyboardMarkup(keyboard))


async def report_to_staff(
    application: Application,  # type: ignore[type-arg]
    announcement_id: int,
    report: BroadcastReport,
) -> None:
    """When a broadcast ends: counts and duration, to the staff member who wrote it."""
    lang: Language = "en" if report.announcement.language == "en" else "vi"
    duration = report.duration
    counts = report.counts
    text = render(
        lang,
        "broadcast_report",
        id=announcement_id,
        sent=counts.get(DeliveryStatus.SENT, 0),
        failed=counts.get(DeliveryStatus.FAILED, 0),
        blocked=counts.get(DeliveryStatus.BLOCKED, 0),
        unconfirmed=counts.get(DeliveryStatus.UNCONFIRMED, 0),
        duration=f"{duration.total_seconds():.1f} s" if duration else "–",
    )
    await application.bot.send_message(
        report.announcement.created_by, text, parse_mode=ParseMode.HTML
    )
