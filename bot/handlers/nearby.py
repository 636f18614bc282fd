"""/near, shared locations and ward choices: the nearest OCOP points, with distances."""

from collections.abc import Sequence

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.ext import ContextTypes

from bot.geo.hanoi import HanoiUnit, hanoi_units
from bot.geo.nearest import NearbyPoints, ProductMatch, points_near_location, points_near_units
from bot.geo.resolve import PlaceKind, PlaceMatch
from bot.handlers import callbacks, saved
from bot.handlers.catalog import point_button, save_origin
from bot.handlers.common import QUERY_LIMIT, answer, expired, language, reply, services
from bot.handlers.insight import record
from bot.insight.events import NearEvent
from bot.store.catalog import Catalog
from bot.store.users import set_location
from bot.texts import Html, Language, clip, plain, render
from bot.texts.cards import category_text, point_line

MAX_WARD_BUTTONS = 12
MAX_UNLOCATED = 5  # carriers without a location, listed after the nearest points


def ward_buttons(
    units: Sequence[HanoiUnit], products_token: str | None
) -> list[list[InlineKeyboardButton]]:
    return [
        [InlineKeyboardButton(unit.name, callback_data=callbacks.ward(unit.code, products_token))]
        for unit in units[:MAX_WARD_BUTTONS]
    ]


def nearby_reply(
    nearby: NearbyPoints,
    lang: Language,
    *,
    place: str,
    product: str | None,
    category: str | None = None,
    origin_token: str | None = None,
) -> tuple[Html, list[list[InlineKeyboardButton]]]:
    """The text and point buttons for a list of nearby points; the buttons carry the list's
    origin (`origin_token`), so a card opened from it measures from the same place."""
    if product is None:
        lines = [render(lang, "near_header", place=place)]
    elif nearby.product_match is ProductMatch.PRODUCT:
        lines = [render(lang, "near_product_header", product=product, place=place)]
    elif nearby.product_match is ProductMatch.CATEGORY:
        lines = [render(lang, "near_fallback", product=product, category=category or "")]
    else:
        lines = [render(lang, "near_no_carrier", product=product)]
    if nearby.outside_hanoi and nearby.points:
        lines.insert(0, render(lang, "outside_hanoi", km=f"{nearby.points[0].distance_km:.0f}"))
    if not nearby.points:
        lines.append(render(lang, "near_none"))
    for near in nearby.points:
        line = point_line(near.point, lang, near.distance_km)
        if near.carries_product:
            line = Html(f"{line} ✓ {render(lang, 'carries_yes')}")
        lines.append(line)
    if nearby.unlocated_carriers:
        lines.append(render(lang, "near_unlocated"))
        lines.extend(point_line(p, lang) for p in nearby.unlocated_carriers[:MAX_UNLOCATED])
    if any(near.approximate for near in nearby.points):
        lines.append(render(lang, "approximate_note"))  # once per list
    buttons = [[point_button(near.point, lang, origin_token)] for near in nearby.points]
    return Html("\n".join(lines)), buttons


def category_label(catalog: Catalog, product_ids: frozenset[int] | None, lang: Language) -> str:
    """The category of the asked-for products, for the "same category" fallback."""
    categories = sorted(
        {catalog.product_by_id[i].category for i in product_ids or () if i in catalog.product_by_id}
    )
    return ", ".join(category_text(category, lang) for category in categories)


async def near_place(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    place_text: str,
    match: PlaceMatch,
    *,
    product_ids: frozenset[int] | None = None,
    product: str | None = None,
    related_ids: frozenset[int] | None = None,
) -> None:
    """List the points near the place `match` resolved `place_text` to (asking when it is
    ambiguous). Points stocking one of `product_ids` (truly the product asked for) are marked;
    without any, those of the category of `related_ids` (what search found) come first."""
    lang = language(update, context)
    live = services(context).live
    place_text = clip(place_text, QUERY_LIMIT)

    async def choices(units: Sequence[HanoiUnit]) -> list[list[InlineKeyboardButton]]:
        """Ward buttons; the product part is saved only when there are buttons to carry it."""
        if not units or product_ids is None:
            return ward_buttons(units, None)
        related = sorted(related_ids if related_ids is not None else product_ids)
        token = await saved.save(update, context, [sorted(product_ids), product, related])
        return ward_buttons(units, token)

    if match.kind is PlaceKind.UNKNOWN:
        text = render(lang, "place_unknown", place=place_text)
        if match.suggestions:
            text = Html(f"{text}\n{render(lang, 'place_suggestions')}")
        await reply(update, text, InlineKeyboardMarkup(await choices(match.suggestions)))
        return
    if match.kind is PlaceKind.ELSEWHERE:
        await reply(update, render(lang, "place_elsewhere", place=match.label or place_text))
        return
    if match.kind is PlaceKind.AMBIGUOUS:
        text = render(lang, "place_ambiguous", place=place_text)
        await reply(update, text, InlineKeyboardMarkup(await choices(match.units)))
        return
    nearby = points_near_units(
        catalog=live.catalog,
        units=match.origins,
        product_ids=product_ids,
        related_ids=related_ids,
    )
    place = match.label or (match.units[0].name if match.units else place_text)
    if match.named:
        place = place_text
    category = category_label(live.catalog, related_ids or product_ids, lang)
    token = await _origin_token(update, context, place, match.origins, nearby)
    text, buttons = nearby_reply(
        nearby, lang, place=place, product=product, category=category, origin_token=token
    )
    if heading := place_heading(match, place_text, lang):
        text = Html(f"{heading}\n{text}")
    if match.kind is PlaceKind.OLD_DISTRICT:
        buttons += await choices(match.units)
    await reply(update, text, InlineKeyboardMarkup(buttons))


def place_heading(match: PlaceMatch, place_text: str, lang: Language) -> Html | None:
    """What an old district or a named place stands for today, above the list."""
    units = ", ".join(unit.name for unit in match.units)
    if match.kind is PlaceKind.OLD_DISTRICT:
        return render(lang, "old_district_now", district=match.label, wards=units)
    if match.named and match.kind is PlaceKind.LEGACY_WARD:
        return render(lang, "named_place_in", place=place_text, legacy=match.label, ward=units)
    return None


async def _origin_token(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    label: str,
    units: Sequence[HanoiUnit],
    nearby: NearbyPoints,
) -> str | None:
    if not nearby.points:
        return None
    return await save_origin(update, context, label, [(unit.lat, unit.lon) for unit in units])


async def show_near_ward(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    code: str,
    products: tuple[frozenset[int] | None, str | None, frozenset[int] | None] = (None, None, None),
) -> None:
    lang = language(update, context)
    live = services(context).live
    unit = hanoi_units().get(code)
    if unit is None:
        await reply(update, render(lang, "expired"))
        return
    product_ids, product, related_ids = products
    nearby = points_near_units(
        catalog=live.catalog, units=[unit], product_ids=product_ids, related_ids=related_ids
    )
    category = category_label(live.catalog, related_ids or product_ids, lang)
    token = await _origin_token(update, context, unit.name, [unit], nearby)
    text, buttons = nearby_reply(
        nearby, lang, place=unit.name, product=product, category=category, origin_token=token
    )
    await reply(update, text, InlineKeyboardMarkup(buttons))


async def ward_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    match = context.match
    assert match is not None
    products = await saved.load(update, context, match[2]) if match[2] else [None, None]
    if match[1] not in hanoi_units() or products is None:
        await expired(update, context)
        return
    await answer(update)
    product_ids, product, *rest = products
    wanted = frozenset(product_ids) if product_ids is not None else None
    related = frozenset(rest[0]) if rest and rest[0] is not None else None
    await show_near_ward(update, context, match[1], (wanted, product, related))
    record(update, context, NearEvent(language(update, context), ward_code=match[1]))


async def ask_for_location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = language(update, context)
    chat = update.effective_chat
    if chat is None or chat.type != "private":
        await reply(update, render(lang, "near_prompt_group"))
        return
    keyboard = ReplyKeyboardMarkup(
        [[KeyboardButton(plain(lang, "btn_share_location"), request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )
    await reply(update, render(lang, "near_prompt"), keyboard)


async def near_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    place = " ".join(context.args or [])
    if place:
        match = services(context).live.resolve_place(clip(place, QUERY_LIMIT))
        await near_place(update, context, place, match)
        ward = match.unit.code if match.unit is not None else None
        record(update, context, NearEvent(language(update, context), ward_code=ward))
    else:
        await ask_for_location(update, context)


async def location_shared(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or message.location is None:
        return
    location = (message.location.latitude, message.location.longitude)
    if update.effective_user is not None:
        async with services(context).sessions() as session:
            await set_location(session=session, user_id=update.effective_user.id, location=location)
    lang = language(update, context)
    nearby = points_near_location(catalog=services(context).live.catalog, location=location)
    here = plain(lang, "your_location")
    token = await save_origin(update, context, here, [location]) if nearby.points else None
    text, buttons = nearby_reply(nearby, lang, place=here, product=None, origin_token=token)
    await reply(update, text, InlineKeyboardMarkup(buttons))
    record(update, context, NearEvent(lang, location=location))
