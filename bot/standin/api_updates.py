"""Bot API methods about the bot itself and how it receives updates: getMe, getUpdates, webhooks."""

from __future__ import annotations

from typing import Any

from bot.standin.call import Call, Method
from bot.standin.errors import bad_request
from bot.standin.world import UPDATE_TYPES


async def get_me(call: Call) -> Any:
    return call.world.bot_user


async def get_updates(call: Call) -> Any:
    params = call.params
    allowed = params.optional_json("allowed_updates", unparsable="can't parse allowed_updates")
    if allowed is not None and (
        not isinstance(allowed, list) or not all(isinstance(kind, str) for kind in allowed)
    ):
        raise bad_request("allowed_updates must be an Array of Strings")
    return await call.world.get_updates(
        offset=params.optional_int("offset") or 0,
        limit=min(max(params.optional_int("limit") or 100, 1), 100),
        wait=max(params.optional_float("timeout") or 0.0, 0.0),
        allowed_updates=[kind for kind in allowed if kind in UPDATE_TYPES] if allowed else allowed,
        disconnected=call.disconnected,
    )


async def set_webhook(call: Call) -> Any:
    url = call.params.optional_str("url") or ""
    if url and not url.startswith("https://"):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if call.params.flag("drop_pending_updates"):
        call.world.drop_pending_updates()
    call.world.webhook_url = url
    return True


async def delete_webhook(call: Call) -> Any:
    if call.params.flag("drop_pending_updates"):
        call.world.drop_pending_updates()
    call.world.webhook_url = ""
    return True


async def get_webhook_info(call: Call) -> Any:
    return {
        "url": call.world.webhook_url,
        "has_custom_certificate": False,
        "pending_update_count": call.world.pending_update_count,
    }


METHODS: dict[str, Method] = {
    "getMe": get_me,
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
}
