"""Free text: products, places, and "PRODUCT near PLACE", through the search index."""

from functools import partial

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.catalog.snapshot import Catalog
from bot.geo.resolve import PlaceKind, PlaceMatch, resolve_place
from bot.handlers import callbacks, saved
from bot.handlers.addressing import for_another_bot
from bot.handlers.catalog import point_button, product_button
from bot.handlers.common import NO_PREVIEW, QUERY_LIMIT, answer, expired, language, reply, services
from bot.handlers.nearby import near_place
from bot.search import wanted_product_ids
from bot.texts import Html, Language, clip, plain, render
from bot.texts.cards import product_line

PAGE_SIZE = 5
MAX_RESULTS = 50


def results_page(
    catalog: Catalog, lang: Language, query: str, product_ids: list[int], page: int, token: str
) -> tuple[Html, InlineKeyboardMarkup]:
    """Page `page` of a search's products, with buttons to open them and to turn pages."""
    first = page * PAGE_SIZE
    shown = [
        catalog.product_by_id[i]
        for i in product_ids[first : first + PAGE_SIZE]
        if i in catalog.product_by_id
    ]
    lines = [
        render(
            lang,
            "results_header",
            query=clip(query, 80),
            first=first + 1,
            last=first + len(shown),
            total=len(product_ids),
        )
    ]
    lines.extend(product_line(first + n + 1, product, lang) for n, product in enumerate(shown))
    keyboard = [[product_button(product, lang)] for product in shown]
    navigation = []
    if page > 0:
        navigation.append(
            InlineKeyboardButton(
                plain(lang, "btn_back"), callback_data=callbacks.page(token, page - 1)
            )
        )
    if first + PAGE_SIZE < len(product_ids):
        navigation.append(
            InlineKeyboardButton(
                plain(lang, "btn_more"), callback_data=callbacks.page(token, page + 1)
            )
        )
    if navigation:
        keyboard.append(navigation)
    return Html("\n".join(lines)), InlineKeyboardMarkup(keyboard)


async def free_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or not message.text:
        return
    lang = language(update, context)
    live = services(context).live
    text = message.text.strip()
    if len(text) > QUERY_LIMIT:
        await reply(update, render(lang, "query_truncated", limit=QUERY_LIMIT))
        text = text[:QUERY_LIMIT]
    resolver = partial(resolve_place, nicknames=live.place_nicknames)
    result = live.index.search(text, limit=MAX_RESULTS, resolve_place=resolver)
    product_ids = [hit.product.id for hit in result.products if hit.product.id is not None]
    place = result.place if isinstance(result.place, PlaceMatch) else None
    product_text = result.query.product_text
    if (
        place is not None
        and place.kind is not PlaceKind.UNKNOWN
        and (product_ids or not product_text)
    ):
        await near_place(
            update,
            context,
            result.query.place_text or text,
            product_ids=wanted_product_ids(result) if product_text else None,
            product=product_text or None,
        )
        return
    if product_ids:
        token = await saved.save(update, context, [text, product_ids])
        page_text, keyboard = results_page(live.catalog, lang, text, product_ids, 0, token)
        await reply(update, page_text, keyboard)
        return
    if result.points:
        lines = [
            render(
                lang,
                "results_header",
                query=clip(text, 80),
                first=1,
                last=len(result.points[:PAGE_SIZE]),
                total=len(result.points),
            )
        ]
        await reply(
            update,
            Html("\n".join(lines)),
            InlineKeyboardMarkup([[point_button(hit.point)] for hit in result.points[:PAGE_SIZE]]),
        )
        return
    await no_results(update, context, text)


async def no_results(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    lang = language(update, context)
    live = services(context).live
    suggestions = live.index.suggest(text, limit=3)
    lines = [render(lang, "no_results", query=clip(text, 80))]
    keyboard = []
    by_name = {product.name_vi: product for product in live.catalog.products}
    if suggestions:
        lines.append(render(lang, "did_you_mean"))
        keyboard = [
            [product_button(by_name[name], lang)] for name in suggestions if name in by_name
        ]
    else:
        lines.append(render(lang, "try_examples"))
    await reply(update, Html("\n".join(lines)), InlineKeyboardMarkup(keyboard))


async def page_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    match = callbacks.PAGE.match(query.data or "") if query else None
    assert query is not None and match is not None
    found = await saved.load(update, context, match[1])
    page = int(match[2])
    if found is None or page * PAGE_SIZE >= len(found[1]):
        await expired(update, context)
        return
    await answer(update)
    lang = language(update, context)
    catalog = services(context).live.catalog
    text, keyboard = results_page(catalog, lang, found[0], found[1], page, match[1])
    await query.edit_message_text(
        text, parse_mode=ParseMode.HTML, reply_markup=keyboard, link_preview_options=NO_PREVIEW
    )


async def not_understood(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, render(language(update, context), "not_understood"))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if for_another_bot(update.effective_message, context.bot.username):
        return
    await reply(update, render(language(update, context), "unknown_command"))
