"""Bot API methods that answer users or describe the bot: callback and inline answers, commands."""

from __future__ import annotations

import re
from typing import Any

from bot.standin.call import Call, Method
from bot.standin.content import message_text
from bot.standin.errors import QUERY_TOO_OLD, bad_request
from bot.standin.inbox import Reply
from bot.standin.markup import inline_only
from bot.standin.world import commands_key

CALLBACK_ANSWER_LIMIT = 200
INLINE_RESULTS_LIMIT = 50
INLINE_ID_LIMIT = 64
COMMANDS_LIMIT = 100
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_LANGUAGE = re.compile(r"(?:[a-z]{2})?")
_SCOPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)


async def answer_callback_query(call: Call) -> Any:
    params = call.params
    query = call.world.callback_queries.get(params.optional_str("callback_query_id") or "")
    if query is None or query.answered:
        raise bad_request(QUERY_TOO_OLD)
    text = params.optional_str("text") or ""
    if len(text) > CALLBACK_ANSWER_LIMIT:
        raise bad_request("MESSAGE_TOO_LONG")
    query.answered = True
    answer = {
        "callback_query_id": params.optional_str("callback_query_id"),
        "text": text,
        "show_alert": params.flag("show_alert"),
        "url": params.optional_str("url"),
    }
    query.chat.show(Reply("callback_answer", "answerCallbackQuery", answer))
    return True


def _result(result: Any, seen: set[str]) -> dict[str, Any]:
    def refuse(reason: str) -> Exception:
        return bad_request(f"can't parse inline query result: {reason}")

    if not isinstance(result, dict) or not isinstance(result.get("type"), str):
        raise refuse('Field "type" must be of type String')
    result_id = result.get("id")
    if not isinstance(result_id, str) or not 1 <= len(result_id.encode()) <= INLINE_ID_LIMIT:
        raise bad_request("RESULT_ID_INVALID")
    if result_id in seen:
        raise bad_request("RESULT_ID_DUPLICATE")
    seen.add(result_id)
    shown = dict(result)
    if "reply_markup" in result:
        shown["reply_markup"] = inline_only(result["reply_markup"])
    if result["type"] != "article":
        return shown
    if not isinstance(result.get("title"), str) or not result["title"].strip():
        raise refuse('can\'t find field "title"')
    content = result.get("input_message_content")
    if not isinstance(content, dict):
        raise refuse('can\'t find field "input_message_content"')
    if "message_text" in content:
        message_text(
            content["message_text"] if isinstance(content["message_text"], str) else None,
            parse_mode=content.get("parse_mode"),
            entities=content.get("entities"),
            empty="MESSAGE_EMPTY",
            too_long="MESSAGE_TOO_LONG",
        )
    elif not {"latitude", "longitude"} <= content.keys():
        raise refuse("unsupported input message content")
    return shown


async def answer_inline_query(call: Call) -> Any:
    params = call.params
    query = call.world.inline_queries.get(params.optional_str("inline_query_id") or "")
    if query is None or query.answer.done():
        raise bad_request(QUERY_TOO_OLD)
    results = params.optional_json("results", unparsable="can't parse inline query results")
    if not isinstance(results, list):
        raise bad_request("can't parse inline query results: Array expected")
    if len(results) > INLINE_RESULTS_LIMIT:
        raise bad_request("RESULTS_TOO_MUCH")
    seen: set[str] = set()
    shown = [_result(result, seen) for result in results]
    next_offset = params.optional_str("next_offset") or ""
    if len(next_offset.encode()) > INLINE_ID_LIMIT:
        raise bad_request("NEXT_OFFSET_INVALID")
    answer = {
        "inline_query_id": params.optional_str("inline_query_id"),
        "query": query.query,
        "offset": query.offset,
        "results": shown,
        "next_offset": next_offset,
        "cache_time": params.optional_int("cache_time"),
        "is_personal": params.flag("is_personal"),
    }
    reply = Reply("inline_answer", "answerInlineQuery", answer)
    query.answer.set_result(reply)
    query.chat.show(reply)
    return True


def _commands_key(call: Call) -> tuple[str, str]:
    scope = call.params.optional_json("scope", unparsable="can't parse BotCommandScope")
    if scope is not None and (not isinstance(scope, dict) or scope.get("type") not in _SCOPES):
        raise bad_request("can't parse BotCommandScope: unsupported type")
    language = call.params.optional_str("language_code") or ""
    if not _LANGUAGE.fullmatch(language):
        raise bad_request("invalid language code specified")
    return commands_key(scope, language)


async def set_my_commands(call: Call) -> Any:
    commands = call.params.optional_json("commands", unparsable="can't parse commands JSON object")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > COMMANDS_LIMIT:
        raise bad_request("too many commands specified")
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND.fullmatch(str(command.get("command"))):
            raise bad_request("BOT_COMMAND_INVALID")
        description = command.get("description")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("command description must be non-empty")
    key = _commands_key(call)
    stored = [{"command": c["command"], "description": c["description"]} for c in commands]
    if stored:
        call.world.commands[key] = stored
    else:
        call.world.commands.pop(key, None)
    return True


async def get_my_commands(call: Call) -> Any:
    return call.world.commands.get(_commands_key(call), [])


async def delete_my_commands(call: Call) -> Any:
    call.world.commands.pop(_commands_key(call), None)
    return True


METHODS: dict[str, Method] = {
    "answerCallbackQuery": answer_callback_query,
    "answerInlineQuery": answer_inline_query,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
}
