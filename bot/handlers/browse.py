"""/browse: categories with counts, then their products page by page, filtered by stars and by
"sold at a shop in Hanoi". Every step edits the one message in place."""

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.catalog.browse import STAR_FILTERS, Filters, category_counts, matching
from bot.handlers import callbacks
from bot.handlers.catalog import product_button
from bot.handlers.common import answer, expired, language, reply, services
from bot.store.catalog import Catalog
from bot.store.kinds import Category
from bot.texts import Html, Language, plain, render
from bot.texts.cards import category_text, product_line

PAGE_SIZE = 5
ALL = "all"
Keyboard = list[list[InlineKeyboardButton]]


def _chosen(label: str, chosen: bool, lang: Language) -> str:
    return plain(lang, "btn_chosen").format(label=label) if chosen else label


def filter_rows(filters: Filters, lang: Language, category: str | None) -> Keyboard:
    """Buttons that change one filter and keep the rest (and the category, when listing one)."""

    def target(min_stars: int, in_hanoi: bool) -> str:
        if category is None:
            return callbacks.categories(min_stars, in_hanoi)
        return callbacks.browse(category, min_stars, in_hanoi, 0)

    stars = [
        InlineKeyboardButton(
            _chosen(
                plain(lang, "btn_min_stars").format(stars=n) if n else plain(lang, "btn_any_stars"),
                n == filters.min_stars,
                lang,
            ),
            callback_data=target(n, filters.in_hanoi),
        )
        for n in STAR_FILTERS
    ]
    hanoi = InlineKeyboardButton(
        _chosen(plain(lang, "btn_in_hanoi"), filters.in_hanoi, lang),
        callback_data=target(filters.min_stars, not filters.in_hanoi),
    )
    return [stars, [hanoi]]


def filters_text(filters: Filters, lang: Language) -> Html:
    parts = []
    if filters.min_stars:
        parts.append(render(lang, "filter_stars", stars=filters.min_stars))
    if filters.in_hanoi:
        parts.append(render(lang, "filter_in_hanoi"))
    return Html("".join(parts))


def categories_view(
    catalog: Catalog, filters: Filters, lang: Language
) -> tuple[Html, InlineKeyboardMarkup]:
    counts = category_counts(catalog, filters)
    total = sum(counts.values())
    text = render(lang, "browse_header", filters=filters_text(filters, lang), count=total)
    buttons = [
        InlineKeyboardButton(
            plain(lang, "category_count").format(
                category=category_text(category, lang).capitalize(), count=count
            ),
            callback_data=callbacks.browse(category, filters.min_stars, filters.in_hanoi, 0),
        )
        for category, count in counts.items()
    ]
    keyboard: Keyboard = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    if total:
        everything = plain(lang, "category_count").format(
            category=plain(lang, "category_all"), count=total
        )
        keyboard.append(
            [
                InlineKeyboardButton(
                    everything,
                    callback_data=callbacks.browse(ALL, filters.min_stars, filters.in_hanoi, 0),
                )
            ]
        )
    else:
        text = Html(f"{text}\n{render(lang, 'browse_empty')}")
    keyboard += filter_rows(filters, lang, None)
    return text, InlineKeyboardMarkup(keyboard)


def products_view(
    catalog: Catalog, category: str, filters: Filters, page: int, lang: Language
) -> tuple[Html, InlineKeyboardMarkup] | None:
    """Page `page` of the products in `category`; None when the page does not exist."""
    chosen = None if category == ALL else Category(category)
    products = matching(catalog, filters, chosen)
    first = page * PAGE_SIZE
    if page and first >= len(products):
        return None
    shown = products[first : first + PAGE_SIZE]
    name = plain(lang, "category_all") if chosen is None else category_text(chosen, lang)
    header = render(
        lang,
        "browse_page",
        category=name.capitalize(),
        filters=filters_text(filters, lang),
        first=first + 1 if shown else 0,
        last=first + len(shown),
        total=len(products),
    )
    lines = [header, *(product_line(first + n + 1, p, lang) for n, p in enumerate(shown))]
    if not shown:
        lines.append(render(lang, "browse_empty"))
    keyboard: Keyboard = [[product_button(product, lang)] for product in shown]

    def turn(number: int, key: str) -> InlineKeyboardButton:
        data = callbacks.browse(category, filters.min_stars, filters.in_hanoi, number)
        return InlineKeyboardButton(plain(lang, key), callback_data=data)

    navigation = [turn(page - 1, "btn_back")] if page > 0 else []
    if first + PAGE_SIZE < len(products):
        navigation.append(turn(page + 1, "btn_more"))
    if navigation:
        keyboard.append(navigation)
    keyboard += filter_rows(filters, lang, category)
    back = callbacks.categories(filters.min_stars, filters.in_hanoi)
    keyboard.append([InlineKeyboardButton(plain(lang, "btn_categories"), callback_data=back)])
    return Html("\n".join(lines)), InlineKeyboardMarkup(keyboard)


async def edit(query: CallbackQuery, view: tuple[Html, InlineKeyboardMarkup]) -> None:
    """Show `view` in place; pressing the filter already chosen changes nothing, and Telegram
    refuses an edit that changes nothing."""
    try:
        await query.edit_message_text(view[0], reply_markup=view[1])
    except BadRequest as error:
        if "not modified" not in error.message:
            raise


async def browse_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = language(update, context)
    text, keyboard = categories_view(services(context).live.catalog, Filters(), lang)
    await reply(update, text, keyboard)


def _filters(stars: str, in_hanoi: str) -> Filters:
    return Filters(min_stars=int(stars), in_hanoi=in_hanoi == "1")


async def categories_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    match, query = context.match, update.callback_query
    assert match is not None and query is not None
    await answer(update)
    lang = language(update, context)
    catalog = services(context).live.catalog
    await edit(query, categories_view(catalog, _filters(match[1], match[2]), lang))


async def browse_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    match, query = context.match, update.callback_query
    assert match is not None and query is not None
    lang = language(update, context)
    catalog = services(context).live.catalog
    view = products_view(catalog, match[1], _filters(match[2], match[3]), int(match[4]), lang)
    if view is None:
        await expired(update, context)
        return
    await answer(update)
    await edit(query, view)
