"""Inline mode: `@bot honey` in any chat lists products and points, each linking back to the bot."""

from collections.abc import Iterable

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.ext import ContextTypes
from telegram.helpers import create_deep_linked_url

from bot.handlers.common import QUERY_LIMIT, language, services
from bot.store.models import Point, Product
from bot.texts import Language, clip, plain, render
from bot.texts.cards import (
    category_text,
    point_card,
    point_full_name,
    point_location,
    product_card,
    product_name,
    stars_text,
)

PAGE_SIZE = 20
MAX_RESULTS = 50  # Telegram shows at most 50 results per answer


def _open_button(username: str, payload: str, lang: Language) -> InlineKeyboardMarkup:
    url = create_deep_linked_url(username, payload)
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(plain(lang, "inline_open_in_bot"), url=url)]]
    )


def product_article(product: Product, lang: Language, username: str) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=f"p{product.id}",
        title=clip(product_name(product, lang), 120),
        description=clip(
            render(
                lang,
                "inline_product_description",
                stars=stars_text(product, lang),
                category=category_text(product.category, lang),
            ),
            200,
        ),
        input_message_content=InputTextMessageContent(product_card(product, lang)),
        reply_markup=_open_button(username, f"p_{product.id}", lang),
    )


def point_article(
    point: Point, lang: Language, username: str, carries: list[Product]
) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=f"s{point.id}",
        title=clip(point_full_name(point, lang), 120),
        description=clip(
            render(
                lang,
                "inline_point_description",
                kind=render(lang, f"kind_{point.kind}"),
                ward=point_location(point, lang),
            ),
            200,
        ),
        input_message_content=InputTextMessageContent(
            point_card(point, lang, carries=carries),
        ),
        reply_markup=_open_button(username, f"s_{point.id}", lang),
    )


def page_offset(text: str) -> int:
    """The offset we gave as next_offset; anything else (clients send what they like, and
    str.isdigit() accepts "²") starts from the top."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else 0


def top_rated(products: Iterable[Product]) -> list[Product]:
    """What an empty inline query shows: the best-rated products."""
    return sorted(products, key=lambda product: (-(product.stars or 0), product.name_vi))


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    if query is None:
        return
    lang = language(update, context)
    live = services(context).live
    catalog = live.catalog
    offset = page_offset(query.offset)
    text = clip(query.query.strip(), QUERY_LIMIT)
    if text:
        result = live.index.search(text, limit=MAX_RESULTS, prefix=True)
        items: list[Product | Point] = [hit.product for hit in result.products]
        items += [hit.point for hit in result.points]
    else:
        items = list(top_rated(catalog.products))
    items = items[:MAX_RESULTS]
    page = items[offset : offset + PAGE_SIZE]
    username = context.bot.username
    articles = [
        product_article(item, lang, username)
        if isinstance(item, Product)
        else point_article(
            item,
            lang,
            username,
            [
                catalog.product_by_id[link.product_id]
                for link in catalog.products_by_point.get(item.id or 0, ())
            ],
        )
        for item in page
    ]
    next_offset = str(offset + PAGE_SIZE) if offset + PAGE_SIZE < len(items) else ""
    await query.answer(articles, cache_time=60, is_personal=True, next_offset=next_offset)
