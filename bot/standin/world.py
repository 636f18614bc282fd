"""The stand-in's state: the bot, its private chats with simulated users, messages and updates."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from bot.standin.errors import ApiError, bad_request, forbidden
from bot.standin.inbox import Inbox, Reply

JsonObject = dict[str, Any]

UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "message_reaction",
        "message_reaction_count",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
# Telegram's default when a bot never asked: everything but these three.
DEFAULT_UPDATE_TYPES = UPDATE_TYPES - {"chat_member", "message_reaction", "message_reaction_count"}


def commands_key(scope: JsonObject | None, language_code: str) -> tuple[str, str]:
    """Where a command menu is kept: its scope (default when absent) and language."""
    return json.dumps(scope or {"type": "default"}, sort_keys=True), language_code


def unix_now() -> int:
    return int(time.time())


@dataclass
class PrivateChat:
    """A private chat between the bot and one user, with the messages both sides sent."""

    user: JsonObject
    started: bool
    inbox: Inbox = field(default_factory=Inbox)
    blocked: bool = False
    keyboard: JsonObject | None = None
    messages: dict[int, JsonObject] = field(default_factory=dict)
    last_message_id: int = 0

    @property
    def id(self) -> int:
        return int(self.user["id"])

    def chat_object(self) -> JsonObject:
        chat = {"id": self.id, "type": "private", "first_name": self.user["first_name"]}
        for key in ("last_name", "username"):
            if key in self.user:
                chat[key] = self.user[key]
        return chat

    def new_message(self, *, sender: JsonObject, content: JsonObject) -> JsonObject:
        self.last_message_id += 1
        message = {
            "message_id": self.last_message_id,
            "from": sender,
            "chat": self.chat_object(),
            "date": unix_now(),
            **content,
        }
        self.messages[self.last_message_id] = message
        return message

    def message(self, message_id: int, *, missing: str) -> JsonObject:
        message = self.messages.get(message_id)
        if message is None:
            raise bad_request(missing)
        return message

    def show(self, reply: Reply) -> None:
        if reply.keyboard is not None and "keyboard" in reply.keyboard:
            self.keyboard = reply.keyboard
        elif reply.keyboard is not None and reply.keyboard.get("remove_keyboard"):
            self.keyboard = None
        self.inbox.add(reply)


@dataclass
class CallbackQuery:
    chat: PrivateChat
    answered: bool = False


@dataclass
class InlineQuery:
    chat: PrivateChat
    query: str
    offset: str
    answer: asyncio.Future[Reply]


class World:
    """Everything the Bot API methods read and change, shared with the simulated users."""

    def __init__(self, *, bot_user: JsonObject, auto_users: bool) -> None:
        self.bot_user = bot_user
        # Messages and chat members carry the short User object, not getMe's capabilities.
        self.bot_sender = {key: bot_user[key] for key in ("id", "is_bot", "first_name", "username")}
        self.auto_users = auto_users
        self.chats: dict[int, PrivateChat] = {}
        self.commands: dict[tuple[str, str], list[JsonObject]] = {}
        self.files: dict[str, list[JsonObject]] = {}
        self.webhook_url = ""
        self.callback_queries: dict[str, CallbackQuery] = {}
        self.inline_queries: dict[str, InlineQuery] = {}
        self.stopping = asyncio.Event()
        self._updates: list[JsonObject] = []
        self._update_ids = itertools.count(1)
        self._query_ids = itertools.count(4_000_000_000_000_000_001)
        self._update_types = DEFAULT_UPDATE_TYPES
        self._changed = asyncio.Event()
        self._poll_generation = 0

    def add_chat(self, user: JsonObject, *, started: bool) -> PrivateChat:
        if user["id"] in self.chats:
            raise ValueError(f"user {user['id']} already exists")
        chat = PrivateChat(user=user, started=started)
        self.chats[chat.id] = chat
        return chat

    def chat_for_bot(self, chat_id: int | str) -> PrivateChat:
        """The chat the bot addresses, or Telegram's refusal."""
        chat = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None and self.auto_users and isinstance(chat_id, int) and chat_id > 0:
            profile = {"id": chat_id, "is_bot": False, "first_name": "User"}
            chat = self.add_chat(profile, started=True)
        if chat is None:
            raise bad_request("chat not found")
        if chat.blocked:
            raise forbidden("bot was blocked by the user")
        if not chat.started:
            raise forbidden("bot can't initiate conversation with a user")
        return chat

    def new_query_id(self) -> str:
        return str(next(self._query_ids))

    @property
    def pending_update_count(self) -> int:
        return len(self._updates)

    def push_update(self, kind: str, payload: JsonObject) -> int | None:
        """Queue an update for the bot; None when the bot's allowed_updates excludes it."""
        if kind not in self._update_types:
            return None
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, kind: payload})
        self._wake()
        return update_id

    def drop_pending_updates(self) -> None:
        self._updates.clear()

    def _wake(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            self._updates = self._updates[offset:]
        elif offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]

    def _allow(self, allowed_updates: list[str]) -> None:
        self._update_types = frozenset(allowed_updates) or DEFAULT_UPDATE_TYPES
        self._updates = [u for u in self._updates if _update_kind(u) in self._update_types]

    async def get_updates(
        self,
        *,
        offset: int,
        limit: int,
        wait: float,
        allowed_updates: list[str] | None,
        disconnected: asyncio.Event,
    ) -> list[JsonObject]:
        """Long polling as Telegram does it: confirm by offset, wait up to `timeout` for updates,
        and end an older poll with 409 when a newer one arrives. `wait` is the poll's timeout."""
        if self.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        if allowed_updates is not None:
            self._allow(allowed_updates)
        self._confirm(offset)
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake()
        deadline = asyncio.get_running_loop().time() + wait
        while True:
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            if self._updates or disconnected.is_set() or self.stopping.is_set():
                return self._updates[:limit]
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                return []
            await first_of(self._changed, disconnected, self.stopping, seconds=remaining)


def _update_kind(update: JsonObject) -> str:
    return next(key for key in update if key != "update_id")


async def first_of(*events: asyncio.Event, seconds: float) -> None:
    """Wait until any of `events` is set or `seconds` pass."""
    waiters = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
