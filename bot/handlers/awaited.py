"""Text a dialogue is waiting for, taken before the search sees it: a staff member's answer in
/announce or /event. /cancel ends whichever dialogue (or problem report) is waiting."""

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.handlers import staff
from bot.handlers.common import current_user, language, reply
from bot.handlers.dialogue import ANNOUNCE, read_dialogue, write_dialogue
from bot.handlers.event_dialogue import TYPED_STEPS, event_typed
from bot.handlers.reports import forget_pending_report
from bot.texts import render


async def staff_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Only staff have dialogues, so nobody else's message costs a read."""
    if not current_user(context).staff or context.user_data is None:
        return
    dialogue = await read_dialogue(update, context)
    if dialogue is None:
        return
    if dialogue.name == ANNOUNCE:
        typed_step = {
            staff.TEXT: staff.draft_written,
            staff.WARD: staff.ward_typed,
            staff.WHEN: staff.time_typed,
        }.get(dialogue.step)
        if typed_step is None:
            return
        context.user_data[staff.DRAFT] = dialogue.draft
        await typed_step(update, context)
    elif dialogue.step in TYPED_STEPS:
        await event_typed(update, context, dialogue)
    else:
        return
    raise ApplicationHandlerStop


async def cancel_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/cancel ends a dialogue; without one it is as unknown as any other command."""
    lang = language(update, context)
    if await forget_pending_report(update, context):
        return
    dialogue = await read_dialogue(update, context) if current_user(context).staff else None
    if dialogue is None:
        await reply(update, render(lang, "unknown_command"))
        return
    await write_dialogue(update, context, None)
    key = "announce_dialogue_cancelled" if dialogue.name == ANNOUNCE else "event_cancelled"
    await reply(update, render(lang, key))
