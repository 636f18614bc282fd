"""Free text: products, places, and "PRODUCT near PLACE", through the search index; talk that
is not a search (greetings, OCOP, events, price …) gets its own answer."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.geo.resolve import PlaceKind
from bot.handlers import callbacks, saved
from bot.handlers.addressing import for_another_bot
from bot.handlers.catalog import point_button, product_button
from bot.handlers.common import QUERY_LIMIT, answer, expired, language, reply, services
from bot.handlers.events import show_events
from bot.handlers.insight import record
from bot.handlers.nearby import near_place
from bot.handlers.start import help_command
from bot.insight.events import SearchEvent
from bot.search import Intent, SearchResult, Verdict, wanted_product_ids
from bot.store.catalog import Catalog
from bot.texts import Html, Language, clip, plain, render
from bot.texts.cards import approximate, point_line, product_line

PAGE_SIZE = 5
MAX_RESULTS = 50
RECORDED_PRODUCTS = 5  # of a search's products, the top ones insight keeps
# what to answer to a message that is not a search; events and help have their own answers
TALK_ANSWERS = {
    Intent.GREETING: "talk_greeting",
    Intent.THANKS: "talk_thanks",
    Intent.ABOUT_OCOP: "talk_about_ocop",
    Intent.PRICE: "talk_price",
    Intent.HOURS: "talk_hours",
    Intent.DELIVERY: "talk_delivery",
}
TALK = frozenset({Intent.EVENTS, Intent.HELP, *TALK_ANSWERS})


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
    result = live.search(text, limit=MAX_RESULTS)
    await answer_search(update, context, text, result)
    record(update, context, search_event(text, lang, result))


def search_event(text: str, lang: Language, result: SearchResult) -> SearchEvent:
    """What the insight records of a search: its intent, its verdict, the products found."""
    product_ids = tuple(hit.product.id for hit in result.matches if hit.product.id is not None)
    place = result.place
    return SearchEvent(
        text=text,
        language=lang,
        intent=result.intent.value,
        verdict=result.verdict.value,
        product_ids=product_ids[:RECORDED_PRODUCTS],
        ward_code=place.unit.code if place is not None and place.unit is not None else None,
    )


async def answer_search(
    update: Update, context: ContextTypes.DEFAULT_TYPE, text: str, result: SearchResult
) -> None:
    if result.intent in TALK:
        await talk(update, context, result.intent)
        return
    lang = language(update, context)
    live = services(context).live
    product_ids = [hit.product.id for hit in result.matches if hit.product.id is not None]
    place = result.place
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
            place,
            product_ids=live.index.strong_matches(result.query) if product_text else None,
            product=product_text or None,
            related_ids=wanted_product_ids(result) if product_text else None,
        )
        return
    if product_ids:
        # only a list with a second page needs its state kept for the "more" button
        many = len(product_ids) > PAGE_SIZE
        token = await saved.save(update, context, [text, product_ids]) if many else ""
        page_text, keyboard = results_page(live.catalog, lang, text, product_ids, 0, token)
        if place is not None and place.kind is PlaceKind.UNKNOWN and result.query.place_text:
            # never drop a place silently: say it was not found, then the product anywhere
            missing = render(
                lang,
                "place_not_found_product",
                place=clip(result.query.place_text, 80),
                product=clip(product_text, 80),
            )
            page_text = Html(f"{missing}\n\n{page_text}")
        if result.asks is not None:
            page_text = Html(f"{page_text}\n\n{render(lang, TALK_ANSWERS[result.asks])}")
        await reply(update, page_text, keyboard)
        return
    if result.points and not result.products:
        shown = [hit.point for hit in result.points[:PAGE_SIZE]]
        lines = [
            render(
                lang,
                "results_header",
                query=clip(text, 80),
                first=1,
                last=len(shown),
                total=len(result.points),
            ),
            *(point_line(point, lang) for point in shown),
        ]
        if any(approximate(point) for point in shown):
            lines.append(render(lang, "approximate_note"))
        await reply(
            update,
            Html("\n".join(lines)),
            InlineKeyboardMarkup([[point_button(point, lang)] for point in shown]),
        )
        return
    await not_found(update, context, result)


async def talk(update: Update, context: ContextTypes.DEFAULT_TYPE, intent: Intent) -> None:
    """The answer to a message that is not a search: a greeting, a question about OCOP …"""
    if intent is Intent.EVENTS:
        await show_events(update, context)
    elif intent is Intent.HELP:
        await help_command(update, context)
    else:
        await reply(update, render(language(update, context), TALK_ANSWERS[intent]))


async def not_found(
    update: Update, context: ContextTypes.DEFAULT_TYPE, result: SearchResult
) -> None:
    """Say plainly that the catalog does not have it; then, labelled, what is related."""
    lang = language(update, context)
    lines = [render(lang, "not_in_catalog", query=clip(result.query.text, 80))]
    if result.verdict is Verdict.RELATED:
        lines.append(render(lang, "related_header"))
        keyboard = [[product_button(hit.product, lang)] for hit in result.products[:PAGE_SIZE]]
    else:
        lines.append(render(lang, "talk_examples"))
        keyboard = []
    await reply(update, Html("\n".join(lines)), InlineKeyboardMarkup(keyboard))


async def page_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    match = context.match
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
    await query.edit_message_text(text, reply_markup=keyboard)


async def not_understood(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, render(language(update, context), "not_understood"))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if for_another_bot(update.effective_message, context.bot.username):
        return
    await reply(update, render(language(update, context), "unknown_command"))
