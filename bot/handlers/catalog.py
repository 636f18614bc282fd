"""Product and point cards, directions, and the venue pin behind "Show on map"."""

from datetime import date, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.catalog.browse import carriers, fair_at, stocked_at
from bot.geo.directions import directions_url
from bot.geo.hanoi import VIETNAM_TIME, Coordinates, haversine_km
from bot.geo.nearest import points_near_location
from bot.handlers import callbacks, saved
from bot.handlers.common import answer, expired, language, pressed, pressed_id, reply, services
from bot.handlers.insight import record
from bot.insight.events import CardEvent
from bot.store.catalog import Catalog
from bot.store.models import Point, Product
from bot.store.users import get_location
from bot.texts import Html, Language, clip, plain, render
from bot.texts.cards import (
    LIST_LIMIT,
    PointPage,
    approximate,
    point_card,
    point_line,
    point_name,
    product_card,
    product_name,
)

WHERE_TO_BUY = 5  # shops listed on a product card
FAIRS = 3  # fair venues listed on a product card
BUTTON_TEXT = 60


def today() -> date:
    return datetime.now(VIETNAM_TIME).date()


async def saved_location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Coordinates | None:
    """The location the user last shared, on any instance, if any."""
    if update.effective_user is None:
        return None
    async with services(context).sessions() as session:
        return await get_location(session=session, user_id=update.effective_user.id)


# Where a list measured its distances from: what the user asked about, and its centres
Origin = tuple[str, list[Coordinates]]


def point_button(
    point: Point, lang: Language, origin_token: str | None = None
) -> InlineKeyboardButton:
    """A point's button, by its short name; from a list, it carries the list's origin (saved
    under the token)."""
    data = callbacks.point(point.id or 0, origin_token)
    return InlineKeyboardButton(point_name(point, lang), callback_data=data)


async def save_origin(
    update: Update, context: ContextTypes.DEFAULT_TYPE, label: str, centres: list[Coordinates]
) -> str:
    """Save a list's origin for its point buttons: one origin per answer."""
    return await saved.save(update, context, ["origin", label, [list(c) for c in centres]])


def _as_origin(value: object) -> Origin | None:
    if not (isinstance(value, list) and len(value) == 3 and value[0] == "origin"):
        return None
    _, label, centres = value
    return str(label), [(float(lat), float(lon)) for lat, lon in centres]


def product_button(product: Product, lang: Language) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        clip(product_name(product, lang), BUTTON_TEXT),
        callback_data=callbacks.product(product.id or 0),
    )


def report_button(item: str, item_id: int, lang: Language) -> InlineKeyboardButton:
    """ "Report a problem" under a product ("p") or point ("s") card."""
    return InlineKeyboardButton(
        plain(lang, "btn_report"), callback_data=callbacks.report(item, item_id)
    )


def _carriers(
    catalog: Catalog, product: Product, location: Coordinates | None
) -> list[tuple[Point, float | None]]:
    """Open shops carrying `product`: nearest first when the user shared a location."""
    assert product.id is not None
    if location is not None:
        nearby = points_near_location(
            catalog=catalog, location=location, product_ids={product.id}, limit=WHERE_TO_BUY
        )
        located: list[tuple[Point, float | None]] = [
            (near.point, near.distance_km) for near in nearby.points if near.carries_product
        ]
        if located:
            return located
    shops, _ = carriers(catalog, product.id)
    return [(point, None) for point in shops[:WHERE_TO_BUY]]


async def show_product(update: Update, context: ContextTypes.DEFAULT_TYPE, product_id: int) -> None:
    lang = language(update, context)
    catalog = services(context).live.catalog
    product = catalog.product_by_id.get(product_id)
    if product is None:
        await reply(update, render(lang, "expired"))
        return
    shops = _carriers(catalog, product, await saved_location(update, context))
    fairs = carriers(catalog, product_id)[1][:FAIRS]
    text = product_card(
        product,
        lang,
        carriers=[point_line(point, lang, distance) for point, distance in shops],
        fairs=[point_line(point, lang) for point in fairs],
        approximate_note=any(approximate(point) for point, _ in shops)
        or any(approximate(point) for point in fairs),
    )
    keyboard = [[point_button(point, lang)] for point, _ in shops]
    keyboard += [[point_button(point, lang)] for point in fairs]
    keyboard.append([report_button("p", product_id, lang)])
    await reply(update, text, InlineKeyboardMarkup(keyboard))
    record(update, context, CardEvent("product", product_id, lang))


def point_view(
    catalog: Catalog, point: Point, lang: Language, page: int, distance: float | None
) -> tuple[Html, InlineKeyboardMarkup]:
    """Page `page` of a point card: what it stocks, with directions, the map and page buttons."""
    assert point.id is not None
    stocked = stocked_at(catalog, point.id)
    first = page * LIST_LIMIT
    shown = stocked[first : first + LIST_LIMIT]
    text = point_card(
        point,
        lang,
        carries=PointPage(shown, first, len(stocked)),
        distance_km=distance,
        fair=fair_at(catalog, point, today()),
        today=today(),
    )
    places = [InlineKeyboardButton(plain(lang, "btn_directions"), url=directions_url(point))]
    if point.lat is not None:
        places.append(
            InlineKeyboardButton(
                plain(lang, "btn_show_on_map"), callback_data=callbacks.venue(point.id)
            )
        )
    keyboard = [places, *([product_button(product, lang)] for product in shown)]
    navigation = []
    if page > 0:
        navigation.append(
            InlineKeyboardButton(
                plain(lang, "btn_back"), callback_data=callbacks.point_page(point.id, page - 1)
            )
        )
    if first + LIST_LIMIT < len(stocked):
        navigation.append(
            InlineKeyboardButton(
                plain(lang, "btn_more"), callback_data=callbacks.point_page(point.id, page + 1)
            )
        )
    if navigation:
        keyboard.append(navigation)
    keyboard.append([report_button("s", point.id, lang)])
    return text, InlineKeyboardMarkup(keyboard)


async def point_distance(
    update: Update, context: ContextTypes.DEFAULT_TYPE, point: Point
) -> float | None:
    location = await saved_location(update, context)
    if location is None or point.lat is None or point.lon is None:
        return None
    return haversine_km(location, (point.lat, point.lon))


async def show_point(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    point_id: int,
    origin: Origin | None = None,
) -> None:
    """A point's card; its distance is from `origin` (the list it was opened from) and says
    so, else from the user's shared location."""
    lang = language(update, context)
    catalog = services(context).live.catalog
    point = catalog.point_by_id.get(point_id)
    if point is None:
        await reply(update, render(lang, "expired"))
        return
    location = await saved_location(update, context)
    distance = (
        haversine_km(location, (point.lat, point.lon))
        if origin is None and location and point.lat is not None and point.lon is not None
        else None
    )
    text, keyboard = point_view(catalog, point, lang, 0, distance)
    if origin is not None and origin[1] and point.lat is not None and point.lon is not None:
        km = min(haversine_km(centre, (point.lat, point.lon)) for centre in origin[1])
        text = Html(f"{text}\n📍 {render(lang, 'distance_from', km=f'{km:.1f}', origin=origin[0])}")
    await reply(update, text, keyboard)
    record(update, context, CardEvent("point", point_id, lang))


async def send_venue(update: Update, context: ContextTypes.DEFAULT_TYPE, point_id: int) -> None:
    lang = language(update, context)
    point = services(context).live.catalog.point_by_id.get(point_id)
    chat = update.effective_chat
    if point is None or point.lat is None or point.lon is None or chat is None:
        await reply(update, render(lang, "expired"))
        return
    title = point_name(point, lang)
    if approximate(point):
        title = plain(lang, "pin_approximate").format(name=title)
    address = ", ".join(part for part in (point.address, point.ward or "") if part)
    await chat.send_venue(
        latitude=point.lat,
        longitude=point.lon,
        title=clip(title, 120),
        address=clip(address or plain(lang, "location_unknown"), 120),
    )
    record(update, context, CardEvent("directions", point_id, lang))


async def product_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    product_id = pressed_id(context)
    if product_id not in services(context).live.catalog.product_by_id:
        await expired(update, context)
        return
    await answer(update)
    await show_product(update, context, product_id)


async def point_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    point_id = pressed_id(context)
    token = pressed(context, 2)
    origin = _as_origin(await saved.load(update, context, token)) if token else None
    if point_id not in services(context).live.catalog.point_by_id or (token and origin is None):
        await expired(update, context)
        return
    await answer(update)
    await show_point(update, context, point_id, origin)


async def point_page_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Another page of what a point stocks, in place of the card's previous page."""
    match, query = context.match, update.callback_query
    assert match is not None and query is not None
    catalog = services(context).live.catalog
    point = catalog.point_by_id.get(int(match[1]))
    page = int(match[2])
    if point is None or point.id is None:
        await expired(update, context)
        return
    if page > 0 and page * LIST_LIMIT >= len(stocked_at(catalog, point.id)):
        await expired(update, context)
        return
    await answer(update)
    lang = language(update, context)
    distance = await point_distance(update, context, point)
    text, keyboard = point_view(catalog, point, lang, page, distance)
    await query.edit_message_text(text, reply_markup=keyboard)


async def venue_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    point_id = pressed_id(context)
    point = services(context).live.catalog.point_by_id.get(point_id)
    if point is None or point.lat is None:
        await expired(update, context)
        return
    await answer(update)
    await send_venue(update, context, point_id)
