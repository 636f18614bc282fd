"""Bot API methods that put messages in a chat or change them: send, edit, delete, chat actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.standin.call import Call, Method
from bot.standin.content import caption, message_text, text_fields
from bot.standin.errors import bad_request
from bot.standin.formatting import FormattedText
from bot.standin.inbox import Reply
from bot.standin.markup import UNPARSABLE, inline_only, reply_markup
from bot.standin.params import Upload
from bot.standin.world import JsonObject, PrivateChat, World, unix_now

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_PHOTO_SIZES = (("s", 90, 60), ("m", 320, 213), ("x", 800, 533))


def _formatted_text(call: Call, *, text_key: str, entities_key: str) -> FormattedText:
    params = call.params
    read = message_text if text_key == "text" else caption
    return read(
        params.optional_str(text_key),
        parse_mode=params.optional_str("parse_mode"),
        entities=params.optional_json(entities_key, unparsable="can't parse entities JSON object"),
    )


def _reply_target(call: Call, chat: PrivateChat) -> JsonObject | None:
    params = call.params
    target = params.optional_json("reply_parameters", unparsable="can't parse reply parameters")
    if target is None and params.has("reply_to_message_id"):
        target = {"message_id": params.optional_int("reply_to_message_id")}
    if target is None:
        return None
    if not isinstance(target, dict) or not isinstance(target.get("message_id"), int):
        raise bad_request("can't parse reply parameters")
    replied = chat.messages.get(target["message_id"])
    if replied is None and not target.get("allow_sending_without_reply"):
        raise bad_request("message to be replied not found")
    if replied is None:
        return None
    return {key: value for key, value in replied.items() if key != "reply_to_message"}


def _send(call: Call, method: str, build: Callable[[], JsonObject]) -> JsonObject:
    """Check the chat, build the content with `build()` (which validates it), then deliver."""
    world = call.world
    chat = world.chat_for_bot(call.params.chat_id())
    content: JsonObject = dict(build())
    markup = reply_markup(call.params.optional_json("reply_markup", unparsable=UNPARSABLE))
    replied = _reply_target(call, chat)
    if replied is not None:
        content["reply_to_message"] = replied
    inline = markup is not None and "inline_keyboard" in markup
    if inline:
        content["reply_markup"] = markup
    message = chat.new_message(sender=world.bot_sender, content=content)
    chat.show(Reply("message", method, message, keyboard=None if inline else markup))
    return message


async def send_message(call: Call) -> Any:
    return _send(
        call,
        "sendMessage",
        lambda: text_fields(
            _formatted_text(call, text_key="text", entities_key="entities"),
            text_key="text",
            entities_key="entities",
        ),
    )


def _photo_sizes(world: World, photo: str | Upload | None) -> list[JsonObject]:
    if photo is None:
        raise bad_request("there is no photo in the request")
    if isinstance(photo, str) and photo in world.files:
        return world.files[photo]
    if isinstance(photo, str) and not photo.startswith(("http://", "https://")):
        raise bad_request("wrong file identifier/HTTP URL specified")
    if isinstance(photo, Upload) and not photo.body:
        raise bad_request("file must be non-empty")
    number = len(world.files) + 1
    sizes: list[JsonObject] = [
        {
            "file_id": f"AgACAgIAAxkBAAI{number:08d}{suffix}",
            "file_unique_id": f"AQAD{number:08d}{suffix}",
            "width": width,
            "height": height,
        }
        for suffix, width, height in _PHOTO_SIZES
    ]
    if isinstance(photo, Upload):
        sizes[-1]["file_size"] = len(photo.body)
    for size in sizes:
        world.files[size["file_id"]] = sizes
    return sizes


async def send_photo(call: Call) -> Any:
    def build() -> JsonObject:
        text = _formatted_text(call, text_key="caption", entities_key="caption_entities")
        content = {"photo": _photo_sizes(call.world, call.params.file("photo"))}
        if text.text:
            content.update(text_fields(text, text_key="caption", entities_key="caption_entities"))
        return content

    return _send(call, "sendPhoto", build)


def _location(call: Call) -> JsonObject:
    latitude = call.params.required_float("latitude")
    longitude = call.params.required_float("longitude")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise bad_request("wrong location")
    location: JsonObject = {"latitude": latitude, "longitude": longitude}
    accuracy = call.params.optional_float("horizontal_accuracy")
    if accuracy is not None:
        location["horizontal_accuracy"] = accuracy
    return location


async def send_location(call: Call) -> Any:
    return _send(call, "sendLocation", lambda: {"location": _location(call)})


async def send_venue(call: Call) -> Any:
    def build() -> JsonObject:
        location = _location(call)
        venue: JsonObject = {"location": location}
        for key in ("title", "address"):
            value = call.params.optional_str(key)
            if not value or not value.strip():
                raise bad_request(f"venue {key} is empty")
            venue[key] = value
        for key in ("foursquare_id", "foursquare_type", "google_place_id", "google_place_type"):
            if call.params.optional_str(key):
                venue[key] = call.params.optional_str(key)
        return {"venue": venue, "location": location}

    return _send(call, "sendVenue", build)


def _bot_message(call: Call, *, missing: str) -> tuple[PrivateChat, JsonObject]:
    if call.params.has("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID (the stand-in keeps no inline messages)")
    chat = call.world.chat_for_bot(call.params.chat_id())
    message_id = call.params.required_int(
        "message_id", missing="message identifier is not specified"
    )
    return chat, chat.message(message_id, missing=missing)


def _edit(
    call: Call, method: str, chat: PrivateChat, old: JsonObject, text: FormattedText | None
) -> JsonObject:
    if old["from"]["id"] != call.world.bot_user["id"]:
        raise bad_request("message can't be edited")
    markup = inline_only(call.params.optional_json("reply_markup", unparsable=UNPARSABLE))
    new = {key: value for key, value in old.items() if key not in {"reply_markup", "edit_date"}}
    if text is not None:
        new.pop("entities", None)
        new.update(text_fields(text, text_key="text", entities_key="entities"))
    if markup is not None:
        new["reply_markup"] = markup
    if new == {key: value for key, value in old.items() if key != "edit_date"}:
        raise bad_request(
            "message is not modified: specified new message content and reply markup are "
            "exactly the same as a current content and reply markup of the message"
        )
    new["edit_date"] = unix_now()
    chat.messages[new["message_id"]] = new
    chat.show(Reply("edit", method, new))
    return new


async def edit_message_text(call: Call) -> Any:
    chat, old = _bot_message(call, missing="message to edit not found")
    if "text" not in old:
        raise bad_request("there is no text in the message to edit")
    text = _formatted_text(call, text_key="text", entities_key="entities")
    return _edit(call, "editMessageText", chat, old, text)


async def edit_message_reply_markup(call: Call) -> Any:
    chat, old = _bot_message(call, missing="message to edit not found")
    return _edit(call, "editMessageReplyMarkup", chat, old, None)


async def delete_message(call: Call) -> Any:
    chat, old = _bot_message(call, missing="message to delete not found")
    del chat.messages[old["message_id"]]
    chat.show(Reply("delete", "deleteMessage", {"message_id": old["message_id"]}))
    return True


async def send_chat_action(call: Call) -> Any:
    call.world.chat_for_bot(call.params.chat_id())
    if call.params.optional_str("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


METHODS: dict[str, Method] = {
    "sendMessage": send_message,
    "sendPhoto": send_photo,
    "sendLocation": send_location,
    "sendVenue": send_venue,
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "sendChatAction": send_chat_action,
}
