"""A staff member's dialogue in progress (/announce or /event): its name, step and draft,
kept in the database so any instance can take the next step. One dialogue at a time: starting
one ends the other."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.common import services
from bot.store.users import STAFF_DIALOGUE, drop_value, load_value, put_value

DIALOGUE_TIMEOUT = timedelta(minutes=30)  # an unfinished dialogue is forgotten after this
ANNOUNCE = "announce"
EVENT = "event"


@dataclass
class Dialogue:
    name: str  # ANNOUNCE or EVENT
    step: int
    draft: dict[str, Any] = field(default_factory=dict)


async def read_dialogue(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Dialogue | None:
    """This user's dialogue, or None when there is none or it is too old."""
    user = update.effective_user
    if user is None:
        return None
    async with services(context).sessions() as session:
        saved = await load_value(session=session, user_id=user.id, token=STAFF_DIALOGUE)
    if not saved or datetime.fromisoformat(saved["since"]) < datetime.now(UTC) - DIALOGUE_TIMEOUT:
        return None
    return Dialogue(saved.get("name", ANNOUNCE), int(saved["step"]), saved.get("draft") or {})


async def write_dialogue(
    update: Update, context: ContextTypes.DEFAULT_TYPE, dialogue: Dialogue | None
) -> None:
    """Save the dialogue's next step and draft; None ends it."""
    user = update.effective_user
    if user is None:
        return
    async with services(context).sessions() as session:
        if dialogue is None:
            await drop_value(session=session, user_id=user.id, token=STAFF_DIALOGUE)
            return
        value = {
            "name": dialogue.name,
            "step": dialogue.step,
            "draft": dialogue.draft,
            "since": datetime.now(UTC).isoformat(),
        }
        await put_value(session=session, user_id=user.id, token=STAFF_DIALOGUE, value=value)
