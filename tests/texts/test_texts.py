"""Both languages say the same things, and user text can never inject HTML."""

from datetime import date

import pytest

from bot.catalog.events import events_by_time
from bot.handlers.gate import FloodGuard
from bot.store.models import Event
from bot.texts import Html, clip, en, language_for, placeholders, render, vi


def test_every_string_exists_in_both_languages_with_the_same_placeholders() -> None:
    assert vi.TEXTS.keys() == en.TEXTS.keys()
    for key, template in vi.TEXTS.items():
        assert placeholders(template) == placeholders(en.TEXTS[key]), key


def test_filled_values_are_escaped_but_html_values_are_not() -> None:
    text = render("en", "no_results", query='<b>tea</b> & "honey"')
    assert text == 'No products found for «&lt;b&gt;tea&lt;/b&gt; &amp; "honey"».'
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
