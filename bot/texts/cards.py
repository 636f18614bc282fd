"""HTML cards and list lines for products, points and events, each wholly in one language.

A card shows Vietnamese only where it means to: a product's or point's Vietnamese name (beside
its English one), producers' names, addresses and place names, which a visitor shows to a
driver or types into a map.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.store.kinds import Category, OpenedWhen, PointKind, PointStatus
from bot.store.models import Event, Point, Product
from bot.texts import Html, Language, clip, escape, link, plain, render

FIELD_LIMIT = 300  # characters of one catalog field shown in a card; keeps cards far below 4,096
LIST_LIMIT = 8  # products named on one page of a point card
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def product_name(product: Product, lang: Language) -> str:
    return product.name_vi if lang == "vi" else product.name_en


def point_name(point: Point, lang: Language) -> str:
    """The point's short name (at most 40 characters): lists and buttons."""
    short = point.short_vi if lang == "vi" else point.short_en
    return clip(short or point.name, 60)


def point_full_name(point: Point, lang: Language) -> str:
    full = point.name_vi if lang == "vi" else point.name_en
    return full or point.name


def stars_text(product: Product, lang: Language) -> Html:
    if product.stars is None:
        return render(lang, "stars_unknown")
    return Html("★" * product.stars + " " + render(lang, "stars", stars=product.stars))


def category_text(category: Category, lang: Language) -> Html:
    return render(lang, f"category_{category}")


def kind_text(kind: PointKind, lang: Language) -> Html:
    return render(lang, f"kind_{kind}")


def _line(label_key: str, value: str, lang: Language) -> Html:
    return Html(f"<b>{render(lang, label_key)}:</b> {escape(clip(value, FIELD_LIMIT))}")


def _source_link(url: str, lang: Language) -> Html:
    return link(url, render(lang, "label_source"))


def approximate(point: Point) -> bool:
    """The point has a pin, but it is its ward's centre."""
    return point.lat is not None and not point.location_exact


def product_card(
    product: Product,
    lang: Language,
    *,
    carriers: Sequence[Html] = (),
    fairs: Sequence[Html] = (),
    approximate_note: bool = False,
) -> Html:
    """Both names, stars, category, producer, origin, where to buy and the source."""
    other_name = product.name_en if lang == "vi" else product.name_vi
    lines = [
        Html(f"<b>{escape(clip(product_name(product, lang), FIELD_LIMIT))}</b>"),
        Html(f"<i>{escape(clip(other_name, FIELD_LIMIT))}</i>"),
        stars_text(product, lang),
        _line("label_category", category_text(product.category, lang), lang),
    ]
    if product.producer_name:
        lines.append(_line("label_producer", product.producer_name, lang))
    origin = product.origin_vi if lang == "vi" else product.origin_en
    if origin:
        lines.append(_line("label_origin", origin, lang))
    lines.append(Html(f"<b>{render(lang, 'label_where')}:</b>"))
    lines.extend(carriers or [render(lang, "no_known_points")])
    if fairs:
        lines.append(render(lang, "at_fairs"))
        lines.extend(fairs)
    if approximate_note:
        lines.append(render(lang, "approximate_note"))
    lines.append(_source_link(product.source_url, lang))
    return Html("\n".join(lines))


def point_location(point: Point, lang: Language, distance_km: float | None = None) -> Html:
    """Ward and distance, with "≈" when the pin is the ward's centre."""
    if point.ward is None or point.lat is None:
        return render(lang, "location_unknown")
    parts = [escape(clip(point.ward, 100))]
    if distance_km is not None:
        parts.append(render(lang, "label_distance", km=f"{distance_km:.1f}"))
    location = Html(" · ".join(parts))
    if approximate(point):
        location = Html(f"{location} {render(lang, 'approximate_mark')}")
    return location


def point_line(point: Point, lang: Language, distance_km: float | None = None) -> Html:
    """One point in a list; a list with an approximate point ends with `approximate_note`."""
    where = point_location(point, lang, distance_km)
    line = f"• <b>{escape(point_name(point, lang))}</b> — {where}"
    if point.status is not PointStatus.OPEN:
        line += f" ({render(lang, f'status_{point.status}_mark')})"
    return Html(line)


def opened_text(point: Point, lang: Language) -> Html | None:
    """ "Opened in 2022", "Opened around Oct 2022", "Open since 2020 or earlier"."""
    if not point.opened_on or point.opened_when is None:
        return None
    year, _, rest = point.opened_on.partition("-")
    month, _, day = rest.partition("-")
    if day:
        when = render(lang, "opened_day", day=format_day(date.fromisoformat(point.opened_on), lang))
    elif month:
        shown = f"{int(month)}/{year}" if lang == "vi" else f"{MONTHS_EN[int(month) - 1]} {year}"
        when = render(lang, "opened_month", month=shown)
    else:
        when = render(lang, "opened_year", year=year)
    if lang == "en" and point.opened_when is not OpenedWhen.ON:
        when = Html(when.split(" ", 1)[1])  # "around 2021", not "around in 2021"
    return render(lang, f"opened_{point.opened_when}", when=when)


@dataclass(frozen=True)
class PointPage:
    """The products of one page of a point card, out of `total`, from number `first` (0-based)."""

    products: Sequence[Product]
    first: int = 0
    total: int | None = None  # None: `products` is everything


def point_card(
    point: Point,
    lang: Language,
    *,
    carries: Sequence[Product] | PointPage,
    distance_km: float | None = None,
    fair: Event | None = None,
    today: date | None = None,
) -> Html:
    if not isinstance(carries, PointPage):
        carries = PointPage(carries[:LIST_LIMIT], 0, len(carries))
    page = carries
    total = len(page.products) if page.total is None else page.total
    full = point_full_name(point, lang)
    lines = [Html(f"<b>{escape(point_name(point, lang))}</b>")]
    if full != point_name(point, lang):
        lines.append(escape(clip(full, FIELD_LIMIT)))
    if lang == "en":
        name_vi = clip(point.name_vi or point.name, FIELD_LIMIT)
        lines.append(Html(f"<i>{render(lang, 'vietnamese_name', name=name_vi)}</i>"))
    lines.append(kind_text(point.kind, lang))
    if point.status is not PointStatus.OPEN:
        lines.append(render(lang, f"status_{point.status}_card"))
    if fair is not None:
        lines.append(fair_text(fair, lang, today or date.today()))
    if point.address:
        lines.append(_line("label_address_vi", point.address, lang))
    where = point_location(point, lang, distance_km)
    lines.append(Html(f"<b>{render(lang, 'label_ward')}:</b> {where}"))
    if approximate(point):
        lines.append(render(lang, "approximate_pin"))
    elif point.lat is None:
        lines.append(render(lang, "unknown_pin"))
    opened = opened_text(point, lang)
    if opened:
        lines.append(opened)
    if page.products:
        last = page.first + len(page.products)
        lines.append(
            Html(
                "<b>"
                + render(lang, "carries_page", first=page.first + 1, last=last, total=total)
                + "</b>"
            )
        )
        lines.extend(Html(f"• {escape(clip(product_name(p, lang), 120))}") for p in page.products)
    else:
        nothing = render(lang, "carries_nothing")
        lines.append(Html(f"<b>{render(lang, 'label_carries')}:</b> {nothing}"))
    lines.append(_source_link(point.source_url, lang))
    return Html("\n".join(lines))


def product_line(number: int, product: Product, lang: Language) -> Html:
    stars = "★" * product.stars if product.stars else "–"
    return Html(f"{number}. <b>{escape(clip(product_name(product, lang), 150))}</b> {stars}")


def format_day(day: date, lang: Language) -> str:
    return day.strftime("%d/%m/%Y") if lang == "vi" else day.strftime("%d %b %Y")


def event_dates(event: Event, lang: Language) -> str:
    """ "20/12/2026", or "20/12/2026 – 23/12/2026" (plain text)."""
    start = format_day(event.starts_on, lang)
    if event.starts_on == event.ends_on:
        return start
    return plain(lang, "event_dates").format(start=start, end=format_day(event.ends_on, lang))


def event_timing(event: Event, today: date) -> str:
    """ "upcoming", "current" or "ended"."""
    if today < event.starts_on:
        return "upcoming"
    return "current" if today <= event.ends_on else "ended"


def event_name(event: Event, lang: Language) -> str:
    return event.name_vi if lang == "vi" else event.name_en


def fair_text(event: Event, lang: Language, today: date) -> Html:
    """ "Fair ended: NAME, 20 Dec 2025 – 23 Dec 2025"."""
    return render(
        lang,
        f"fair_{event_timing(event, today)}",
        name=clip(event_name(event, lang), 120),
        dates=event_dates(event, lang),
    )


def event_line(event: Event, lang: Language, today: date | None = None) -> Html:
    dates = event_dates(event, lang)
    if today is not None:
        dates += f" · {render(lang, f'event_{event_timing(event, today)}')}"
    return Html(
        f"• <b>{escape(clip(event_name(event, lang), 120))}</b>\n"
        f"  {escape(dates)} · {escape(clip(event.venue, 80))}"
        + (f" ({escape(clip(event.ward, 40))})" if event.ward else "")
    )
