"""A simulated Telegram user: speaks to the bot through the stand-in and reads what it sends."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Collection
from urllib.parse import parse_qs, urlsplit

from bot.standin.content import MESSAGE_TEXT_LIMIT
from bot.standin.formatting import utf16_length
from bot.standin.inbox import InlineButton, Reply, ReplyKind
from bot.standin.world import (
    CallbackQuery,
    InlineQuery,
    JsonObject,
    PrivateChat,
    World,
    unix_now,
)

_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{5,32})?(?![A-Za-z0-9_@/])")


def _command_entities(text: str) -> list[JsonObject]:
    return [
        {
            "type": "bot_command",
            "offset": utf16_length(text[: match.start()]),
            "length": utf16_length(match.group()),
        }
        for match in _COMMAND.finditer(text)
    ]


class SimUser:
    """One user in a private chat with the bot. Actions queue updates for the bot to poll."""

    def __init__(self, world: World, chat: PrivateChat) -> None:
        self._world = world
        self._chat = chat

    @property
    def id(self) -> int:
        return self._chat.id

    @property
    def user(self) -> JsonObject:
        """The Telegram User object the bot sees."""
        return self._chat.user

    @property
    def blocked(self) -> bool:
        return self._chat.blocked

    @property
    def keyboard(self) -> JsonObject | None:
        """The reply keyboard the bot currently shows this user, if any."""
        return self._chat.keyboard

    def _speak(self) -> None:
        if self._chat.blocked:
            raise RuntimeError(f"user {self.id} blocked the bot; call unblock() first")
        self._chat.started = True

    def _send(self, content: JsonObject) -> JsonObject:
        self._speak()
        message = self._chat.new_message(sender=self.user, content=content)
        self._world.push_update("message", message)
        return message

    async def send_text(self, text: str) -> JsonObject:
        """Send a text message; `/commands` in it are marked as Telegram clients mark them.

        Like a Telegram client, refuses an empty text and one over 4,096 characters (clients
        split those into several messages; send the parts if that is what a test needs).
        """
        if not text.strip() or len(text) > MESSAGE_TEXT_LIMIT:
            raise ValueError(f"a Telegram client cannot send a text of {len(text)} characters")
        content: JsonObject = {"text": text}
        entities = _command_entities(text)
        if entities:
            content["entities"] = entities
        return self._send(content)

    async def send_command(self, command: str) -> JsonObject:
        """Send `/command [arguments]`, e.g. "/start p_12"."""
        if not _COMMAND.match(command.split(" ", 1)[0]):
            raise ValueError(f"not a bot command: {command!r}")
        return await self.send_text(command)

    async def send_location(self, latitude: float, longitude: float) -> JsonObject:
        return self._send({"location": {"latitude": latitude, "longitude": longitude}})

    def _message_with_buttons(self, message_id: int | None) -> JsonObject:
        if message_id is not None:
            return self._chat.message(message_id, missing=f"no message {message_id}")
        for message in reversed(self._chat.messages.values()):
            if message.get("reply_markup", {}).get("inline_keyboard"):
                return message
        raise LookupError("no message with an inline keyboard in this chat")

    def inline_buttons(self, message_id: int | None = None) -> list[InlineButton]:
        """The buttons of the newest message with an inline keyboard (or of `message_id`)."""
        message = self._message_with_buttons(message_id)
        return [button for row in Reply("message", "", message).buttons for button in row]

    async def press(self, label: str | int, *, message_id: int | None = None) -> str | None:
        """Press an inline button by text, callback data, or 1-based position, as a user would.

        A callback button sends a callback query (its id is returned); a deep link to this bot
        sends `/start <payload>`; a switch-inline button sends its inline query. A button that
        opens anything else raises ValueError naming the URL.
        """
        message = self._message_with_buttons(message_id)
        buttons = self.inline_buttons(message["message_id"])
        if isinstance(label, int):
            chosen = buttons[label - 1] if 0 < label <= len(buttons) else None
        else:
            chosen = next((b for b in buttons if label in (b.text, b.value)), None)
        if chosen is None:
            raise LookupError(f"no button {label!r}; buttons: {[b.text for b in buttons]}")
        if chosen.action == "callback_data":
            return self._callback_query(message, chosen.value)
        if chosen.action in {"switch_inline_query", "switch_inline_query_current_chat"}:
            return self.ask_inline(chosen.value)
        payload = self._deep_link_payload(chosen)
        if payload is None:
            raise ValueError(f"button {chosen.text!r} opens {chosen.value!r}")
        await self.send_command(f"/start {payload}".rstrip())
        return None

    def forge_callback(self, data: str, *, message_id: int | None = None) -> str:
        """Send callback `data` that no button carries, as a modified client can."""
        return self._callback_query(self._message_with_buttons(message_id), data)

    def _deep_link_payload(self, button: InlineButton) -> str | None:
        if button.action != "url":
            return None
        url = urlsplit(str(button.value))
        username = str(self._world.bot_user["username"]).lower()
        if url.netloc.lower() not in {"t.me", "telegram.me"} or url.path.lower() != f"/{username}":
            return None
        return parse_qs(url.query).get("start", [""])[0]

    def _callback_query(self, message: JsonObject, data: str) -> str:
        self._speak()
        query_id = self._world.new_query_id()
        self._world.callback_queries[query_id] = CallbackQuery(self._chat)
        self._world.push_update(
            "callback_query",
            {
                "id": query_id,
                "from": self.user,
                "message": message,
                "chat_instance": str(-self.id),
                "data": data,
            },
        )
        return query_id

    async def tap(self, label: str, *, location: tuple[float, float] | None = None) -> JsonObject:
        """Tap a reply-keyboard button: it sends its text, or `location` for a location request."""
        rows = (self._chat.keyboard or {}).get("keyboard", [])
        button = next((b for row in rows for b in row if b["text"] == label), None)
        if button is None:
            raise LookupError(f"no keyboard button {label!r}; keyboard: {rows}")
        if self._chat.keyboard and self._chat.keyboard.get("one_time_keyboard"):
            self._chat.keyboard = None
        if button.get("request_location"):
            if location is None:
                raise ValueError(f"button {label!r} shares a location: pass location=(lat, lon)")
            return await self.send_location(*location)
        return await self.send_text(label)

    def ask_inline(self, query: str, *, offset: str = "") -> str:
        """Type `@bot query` (or scroll to `offset`); returns the inline query id at once."""
        self._speak()
        query_id = self._world.new_query_id()
        answer: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()
        self._world.inline_queries[query_id] = InlineQuery(self._chat, query, offset, answer)
        self._world.push_update(
            "inline_query",
            {
                "id": query_id,
                "from": self.user,
                "query": query,
                "offset": offset,
                "chat_type": "sender",
            },
        )
        return query_id

    async def inline_query(self, query: str, *, offset: str = "", within: float = 5.0) -> Reply:
        """Send an inline query and wait for the bot's answer (taken from the unread replies)."""
        pending = self._world.inline_queries[self.ask_inline(query, offset=offset)]
        async with asyncio.timeout(within):
            reply = await asyncio.shield(pending.answer)
        self._chat.inbox.take(reply)
        return reply

    async def block(self) -> None:
        """Block the bot: it gets a my_chat_member update and 403 on every later send."""
        self._change_membership(blocked=True)

    async def unblock(self) -> None:
        """Unblock the bot (Telegram's "Restart"): a my_chat_member update, sends work again."""
        self._change_membership(blocked=False)

    def _change_membership(self, *, blocked: bool) -> None:
        if self._chat.blocked == blocked:
            return
        self._chat.blocked = blocked
        bot = self._world.bot_sender
        member = {"status": "member", "user": bot}
        kicked = {"status": "kicked", "user": bot, "until_date": 0}
        self._world.push_update(
            "my_chat_member",
            {
                "chat": self._chat.chat_object(),
                "from": self.user,
                "date": unix_now(),
                "old_chat_member": member if blocked else kicked,
                "new_chat_member": kicked if blocked else member,
            },
        )

    async def next_reply(
        self, *, within: float | None = 5.0, kinds: Collection[ReplyKind] | None = None
    ) -> Reply:
        """The oldest reply not yet read (of `kinds`); TimeoutError if none comes `within` s."""
        return await self._chat.inbox.next(within=within, kinds=kinds)

    def replies(self) -> list[Reply]:
        """Everything the bot did in this chat so far, read or not."""
        return self._chat.inbox.all()

    def unread(self) -> list[Reply]:
        return self._chat.inbox.unread()

    async def quiet(self, seconds: float) -> None:
        """Wait until the bot has sent nothing to this user for `seconds`."""
        await self._chat.inbox.quiet(seconds)

    def messages(self) -> list[JsonObject]:
        """The chat as it stands now (edits applied, deletions gone), oldest first."""
        return list(self._chat.messages.values())
