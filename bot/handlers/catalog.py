"""Product and point cards, and the venue pin behind "Show on map"."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.geo.hanoi import Coordinates, haversine_km
from bot.geo.nearest import points_near_location
from bot.handlers import callbacks, saved
from bot.handlers.common import answer, expired, language, pressed, pressed_id, reply, services
from bot.handlers.insight import record
from bot.insight.events import CardEvent
from bot.store.catalog import Catalog
from bot.store.models import Point, Product
from bot.store.users import get_location
from bot.texts import Html, Language, clip, plain, render
from bot.texts.cards import point_card, point_line, product_card, product_name

WHERE_TO_BUY = 5  # points listed on a product card
BUTTON_TEXT = 60


async def saved_location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Coordinates | None:
    """The location the user last shared, on any instance, if any."""
    if update.effective_user is None:
        return None
    async with services(context).sessions() as session:
        return await get_location(session=session, user_id=update.effective_user.id)


# Where a list measured its distances from: what the user asked about, and its centres
Origin = tuple[str, list[Coordinates]]


def point_button(point: Point, origin_token: str | None = None) -> InlineKeyboardButton:
    """A point's button; from a list, it carries the list's origin (saved under the token)."""
    return InlineKeyboardButton(
        clip(point.name, BUTTON_TEXT), callback_data=callbacks.point(point.id or 0, origin_token)
    )


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
    """Points carrying `product`: nearest first when the user shared a location."""
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
    links = catalog.points_by_product.get(product.id, ())
    points = sorted((catalog.point_by_id[link.point_id] for link in links), key=lambda p: p.name)
    return [(point, None) for point in points[:WHERE_TO_BUY]]


async def show_product(update: Update, context: ContextTypes.DEFAULT_TYPE, product_id: int) -> None:
    lang = language(update, context)
    catalog = services(context).live.catalog
    product = catalog.product_by_id.get(product_id)
    if product is None:
        await reply(update, render(lang, "expired"))
        return
    carriers = _carriers(catalog, product, await saved_location(update, context))
    lines = [point_line(point, lang, distance) for point, distance in carriers]
    keyboard = [[point_button(point)] for point, _ in carriers]
    keyboard.append([report_button("p", product_id, lang)])
    await reply(
        update,
        product_card(product, lang, carriers=lines),
        InlineKeyboardMarkup(keyboard),
    )
    record(update, context, CardEvent("product", product_id, lang))


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
    carries = sorted(
        (
            catalog.product_by_id[link.product_id]
            for link in catalog.products_by_point.get(point_id, ())
        ),
        key=lambda product: (-(product.stars or 0), product_name(product, lang)),
    )
    location = await saved_location(update, context)
    distance = (
        haversine_km(location, (point.lat, point.lon))
        if origin is None and location and point.lat is not None and point.lon is not None
        else None
    )
    from_origin: Html | None = None
    if origin is not None and origin[1] and point.lat is not None and point.lon is not None:
        km = min(haversine_km(centre, (point.lat, point.lon)) for centre in origin[1])
        from_origin = render(lang, "distance_from", km=f"{km:.1f}", origin=origin[0])
    keyboard = [[product_button(product, lang)] for product in carries[:WHERE_TO_BUY]]
    if point.lat is not None:
        keyboard.insert(
            0,
            [
                InlineKeyboardButton(
                    plain(lang, "btn_show_on_map"), callback_data=callbacks.venue(point_id)
                )
            ],
        )
    keyboard.append([report_button("s", point_id, lang)])
    card = point_card(point, lang, carries=carries, distance_km=distance)
    if from_origin is not None:
        card = Html(f"{card}\n📍 {from_origin}")
    await reply(update, card, InlineKeyboardMarkup(keyboard))
    record(update, context, CardEvent("point", point_id, lang))


async def send_venue(update: Update, context: ContextTypes.DEFAULT_TYPE, point_id: int) -> None:
    lang = language(update, context)
    point = services(context).live.catalog.point_by_id.get(point_id)
    chat = update.effective_chat
    if point is None or point.lat is None or point.lon is None or chat is None:
        await reply(update, render(lang, "expired"))
        return
    address = ", ".join(part for part in (point.address, point.ward or "") if part)
    await chat.send_venue(
        latitude=point.lat,
        longitude=point.lon,
        title=clip(point.name, 120),
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


async def venue_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    point_id = pressed_id(context)
    point = services(context).live.catalog.point_by_id.get(point_id)
    if point is None or point.lat is None:
        await expired(update, context)
        return
    await answer(update)
    await send_venue(update, context, point_id)
