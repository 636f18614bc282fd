"""Both languages say the same things, and user text can never inject HTML."""

import re
from datetime import date
from html import unescape
from types import ModuleType

import pytest

from bot.catalog.events import SHOWN_PER_GROUP, events_by_time
from bot.config import Settings
from bot.handlers.catalog import WHERE_TO_BUY
from bot.handlers.gate import FloodGuard
from bot.standin.formatting import parse_html
from bot.store.kinds import Category, PointKind
from bot.store.models import Event, Point, Product
from bot.texts import (
    MESSAGE_LIMIT,
    Html,
    Language,
    clip,
    en,
    language_for,
    placeholders,
    render,
    vi,
)
from bot.texts.cards import (
    category_text,
    event_line,
    kind_text,
    point_card,
    point_line,
    product_card,
)


def test_every_string_exists_in_both_languages_with_the_same_placeholders() -> None:
    assert vi.TEXTS.keys() == en.TEXTS.keys()
    for key, template in vi.TEXTS.items():
        assert placeholders(template) == placeholders(en.TEXTS[key]), key


def test_filled_values_are_escaped_but_html_values_are_not() -> None:
    text = render("en", "not_in_catalog", query='<b>tea</b> & "honey"')
    assert text == '«&lt;b&gt;tea&lt;/b&gt; &amp; "honey"» is not in the OCOP catalog yet.'
    assert render("vi", "label_distance", km=Html("<b>1.0</b>")) == "cách <b>1.0</b> km"


@pytest.mark.parametrize(
    ("code", "expected"),
    [(None, "vi"), ("", "vi"), ("vi", "vi"), ("vi-VN", "vi"), ("en", "en"), ("fr", "en")],
)
def test_language_follows_the_telegram_app(code: str | None, expected: str) -> None:
    assert language_for(code) == expected


def test_clip_adds_an_ellipsis_only_when_it_cuts() -> None:
    assert clip("mật ong", 10) == "mật ong"
    assert clip("mật ong bạc hà", 8) == "mật ong…"


def test_flood_guard_allows_a_burst_then_warns_once_then_recovers() -> None:
    guard = FloodGuard(burst=3, rate=1.0)
    answers = [guard.allow(7, now=100.0) for _ in range(6)]
    assert answers == [(True, False)] * 3 + [(False, True), (False, False), (False, False)]
    assert guard.allow(8, now=100.0) == (True, False)  # other users are not affected
    assert guard.allow(7, now=102.5) == (True, False)


def _event(name: str, start: date, end: date) -> Event:
    return Event(
        name_vi=name,
        name_en=name,
        starts_on=start,
        ends_on=end,
        venue="V",
        source_url="https://x.y",
    )


def test_events_are_split_into_current_upcoming_and_recent() -> None:
    past = _event("past", date(2025, 10, 1), date(2025, 10, 5))
    now = _event("now", date(2025, 12, 20), date(2025, 12, 23))
    soon = _event("soon", date(2026, 2, 6), date(2026, 2, 11))
    grouped = events_by_time([soon, past, now], today=date(2025, 12, 21))
    assert (grouped.current, grouped.upcoming, grouped.recent) == ([now], [soon], [past])


LONG = "Ấ&<" * 3000  # far longer than any real field, full of characters HTML escapes


def test_the_longest_possible_cards_fit_in_one_message() -> None:
    product = Product(
        id=1,
        name_vi=LONG,
        name_en=LONG,
        category=Category.FOOD,
        stars=5,
        producer=LONG,
        origin_commune=LONG,
        origin_province=LONG,
        source_url="https://example.org/" + "a" * 500,
    )
    point = Point(
        id=2,
        name=LONG,
        kind=PointKind.SHOWROOM,
        address=LONG,
        ward=LONG,
        ward_code="00190",
        lat=21.0,
        lon=105.8,
        opened=LONG,
        products_note=LONG,
        source_url="https://example.org/" + "b" * 500,
    )
    event = Event(
        name_vi=LONG,
        name_en=LONG,
        starts_on=date(2025, 12, 20),
        ends_on=date(2025, 12, 23),
        venue=LONG,
        ward=LONG,
        source_url="https://example.org",
    )
    lines = [point_line(point, "vi", 12.5)] * WHERE_TO_BUY
    cards = [
        product_card(product, "vi", carriers=lines),
        point_card(point, "en", carries=[product] * 50, distance_km=3.2),
        Html("\n".join([event_line(event, "vi")] * 3 * SHOWN_PER_GROUP)),
    ]
    for card in cards:
        shown = unescape(re.sub(r"<[^>]+>", "", card))  # what Telegram counts: text, no tags
        assert len(shown) <= MESSAGE_LIMIT


def test_broadcast_rate_stays_within_telegram_limits() -> None:
    with pytest.raises(ValueError, match="above Telegram's 30/s"):
        Settings(broadcast_rate=31, _env_file=None)
    assert Settings(broadcast_rate=500, paid_broadcasts=True, _env_file=None).broadcast_rate == 500
    with pytest.raises(ValueError, match="above Telegram's 1000/s"):
        Settings(broadcast_rate=1001, paid_broadcasts=True, _env_file=None)


def test_a_source_url_is_written_as_a_quoted_attribute_telegram_can_parse() -> None:
    url = "https://example.org/search?q=\"mật ong\"&x=<1>&y='2'"
    product = Product(id=1, name_vi="A", name_en="A", category=Category.FOOD, source_url=url)
    point = Point(id=2, name="P", kind=PointKind.SHOWROOM, source_url=url)
    for card in (product_card(product, "vi"), point_card(point, "en", carries=[])):
        links = [e["url"] for e in parse_html(card).entities if e["type"] == "text_link"]
        assert links == [url]


@pytest.mark.parametrize(("lang", "texts"), [("vi", vi), ("en", en)])
def test_every_category_and_point_kind_is_named_in_both_languages(
    lang: Language, texts: ModuleType
) -> None:
    assert set(texts.CATEGORY_NAMES) == set(Category)
    assert set(texts.POINT_KIND_NAMES) == set(PointKind)
    assert [category_text(c, lang) for c in Category] == [texts.CATEGORY_NAMES[c] for c in Category]
    assert [kind_text(k, lang) for k in PointKind] == [texts.POINT_KIND_NAMES[k] for k in PointKind]
