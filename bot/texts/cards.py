"""HTML cards and list lines for products, points and events, in either language."""

from collections.abc import Sequence
from datetime import date

from bot.store.kinds import Category, PointKind
from bot.store.models import Event, Point, Product
from bot.texts import Html, Language, clip, escape, link, plain, render

FIELD_LIMIT = 300  # characters of one catalog field shown in a card; keeps cards far below 4,096
LIST_LIMIT = 8  # products named on a point card


def product_name(product: Product, lang: Language) -> str:
    return product.name_vi if lang == "vi" else product.name_en


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


def product_card(product: Product, lang: Language, *, carriers: Sequence[Html] = ()) -> Html:
    """Both names, stars, category, producer, origin, where to buy and the source."""
    other_name = product.name_en if lang == "vi" else product.name_vi
    lines = [
        Html(f"<b>{escape(clip(product_name(product, lang), FIELD_LIMIT))}</b>"),
        Html(f"<i>{escape(clip(other_name, FIELD_LIMIT))}</i>"),
        stars_text(product, lang),
        _line("label_category", category_text(product.category, lang), lang),
    ]
    if product.producer:
        lines.append(_line("label_producer", product.producer, lang))
    origin = ", ".join(part for part in (product.origin_commune, product.origin_province) if part)
    if origin:
        lines.append(_line("label_origin", origin, lang))
    lines.append(Html(f"<b>{render(lang, 'label_where')}:</b>"))
    lines.extend(carriers or [render(lang, "no_known_points")])
    lines.append(_source_link(product.source_url, lang))
    return Html("\n".join(lines))


def point_location(point: Point, lang: Language, distance_km: float | None = None) -> Html:
    """Ward, distance, and how exact the location is."""
    if point.ward is None or point.lat is None:
        return render(lang, "location_unknown")
    parts = [escape(clip(point.ward, 100))]
    if distance_km is not None:
        parts.append(render(lang, "label_distance", km=f"{distance_km:.1f}"))
    if not point.location_exact:
        parts.append(render(lang, "approximate"))
    return Html(" · ".join(parts))


def point_line(point: Point, lang: Language, distance_km: float | None = None) -> Html:
    return Html(
        f"• <b>{escape(clip(point.name, 120))}</b> — {point_location(point, lang, distance_km)}"
    )


def point_card(
    point: Point,
    lang: Language,
    *,
    carries: Sequence[Product],
    distance_km: float | None = None,
) -> Html:
    lines = [
        Html(f"<b>{escape(clip(point.name, FIELD_LIMIT))}</b>"),
        kind_text(point.kind, lang),
    ]
    if point.address:
        lines.append(_line("label_address", point.address, lang))
    location = point_location(point, lang, distance_km)
    lines.append(Html(f"<b>{render(lang, 'label_ward')}:</b> {location}"))
    if point.opened:
        lines.append(_line("label_opened", point.opened, lang))
    lines.append(Html(f"<b>{render(lang, 'label_carries')}:</b>"))
    names = [escape(clip(product_name(p, lang), 120)) for p in carries[:LIST_LIMIT]]
    if names:
        lines.extend(Html(f"• {name}") for name in names)
        if len(carries) > LIST_LIMIT:
            lines.append(render(lang, "carries_more", count=len(carries) - LIST_LIMIT))
    elif point.products_note:
        lines.append(escape(clip(point.products_note, FIELD_LIMIT)))
    else:
        lines.append(render(lang, "carries_nothing"))
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


def event_line(event: Event, lang: Language) -> Html:
    name = event.name_vi if lang == "vi" else event.name_en
    dates = event_dates(event, lang)
    return Html(
        f"• <b>{escape(clip(name, 120))}</b>\n  {escape(dates)} · {escape(clip(event.venue, 80))}"
        + (f" ({escape(clip(event.ward, 40))})" if event.ward else "")
    )
