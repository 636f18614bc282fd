"""Telegram HTML parsing: escaped text survives intact, tags become UTF-16 entities."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.standin.formatting import EntityParseError, parse_html, stripped, utf16_length


@given(st.text())
def test_any_escaped_text_parses_back_to_itself(text: str) -> None:
    parsed = parse_html(html.escape(text))

    assert parsed.text == text
    assert parsed.entities == ()


@given(st.text(min_size=1), st.text())
def test_bold_span_is_measured_in_utf16_units(before: str, inside: str) -> None:
    parsed = parse_html(f"{html.escape(before)}<b>{html.escape(inside)}</b>")

    expected = (
        ({"type": "bold", "offset": utf16_length(before), "length": utf16_length(inside)},)
        if inside
        else ()
    )
    assert parsed.entities == expected


@given(st.text(alphabet=st.characters(blacklist_characters="&<>", blacklist_categories=["Cs"])))
def test_unescaped_text_without_metacharacters_is_accepted(text: str) -> None:
    assert parse_html(text).text == text


def test_tags_are_case_insensitive_and_nest() -> None:
    parsed = parse_html("<B>bold <I>both</I></b>")

    assert parsed.text == "bold both"
    assert [entity["type"] for entity in parsed.entities] == ["bold", "italic"]


def test_stripping_keeps_entities_on_their_characters() -> None:
    parsed = stripped(parse_html("\n  <b> x</b> <i>y</i>  \n"))

    assert parsed.text == "x y"
    assert parsed.entities == (
        {"type": "bold", "offset": 0, "length": 1},
        {"type": "italic", "offset": 2, "length": 1},
    )


def test_error_positions_are_utf8_byte_offsets() -> None:
    with pytest.raises(EntityParseError, match=r"at byte offset 5$"):  # "ậ" takes 3 bytes
        parse_html("Mật</b>")


@pytest.mark.parametrize("entity", ["&#0;", "&#xD800;", "&#x110000;", "&apos;", "&amp"])
def test_only_valid_entities_are_decoded(entity: str) -> None:
    with pytest.raises(EntityParseError, match='Character "&"'):
        parse_html(entity)
