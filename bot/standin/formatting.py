"""Telegram's HTML parse mode: the tags it allows, the entities it decodes, the text a user sees.

Modelled on tdlib's `parse_html`, with one deliberate difference: tdlib lets a bare `&` or `>`
through as a literal, but the Bot API documentation requires every `<`, `>` and `&` outside a tag
or an entity to be escaped, and the stand-in enforces the documented rule so that a missed
`html.escape` fails in tests instead of in production. Error texts follow tdlib's wording;
positions are UTF-8 byte offsets, as Telegram reports them. Entity offsets and lengths are in
UTF-16 code units, as in real `MessageEntity` objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_ENTITY_TYPES = {
    "a": "text_link",
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]{1,8})|#([0-9]{1,10})|([A-Za-z]+));")
_NAME_TOKEN = re.compile(r"[A-Za-z0-9.\-]+")
_PLAIN = re.compile(r"[^&<>]+")


class EntityParseError(ValueError):
    """The text is not valid Telegram HTML; the message is what follows "can't parse entities: "."""


@dataclass(frozen=True)
class FormattedText:
    """Text as the user sees it, with its entities (Telegram `MessageEntity` dicts)."""

    text: str
    entities: tuple[dict[str, Any], ...] = ()


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _OpenTag:
    name: str
    offset: int
    attributes: dict[str, str]


@dataclass
class _HtmlParser:
    source: str
    pos: int = 0
    out: list[str] = field(default_factory=list)
    units: int = 0
    open_tags: list[_OpenTag] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)

    def byte_offset(self, pos: int) -> int:
        return len(self.source[:pos].encode("utf-8"))

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.units += utf16_length(text)

    def decode_entity(self) -> str:
        match = _ENTITY.match(self.source, self.pos)
        character = _entity_character(match) if match else None
        if match is None or character is None:
            raise EntityParseError(
                f'Character "&" at byte offset {self.byte_offset(self.pos)} '
                'must be escaped as "&amp;"'
            )
        self.pos = match.end()
        return character

    def run(self) -> FormattedText:
        source = self.source
        while self.pos < len(source):
            character = source[self.pos]
            if character == "&":
                self.emit(self.decode_entity())
            elif character == ">":
                raise EntityParseError(
                    f'Character ">" at byte offset {self.byte_offset(self.pos)} '
                    'must be escaped as "&gt;"'
                )
            elif source.startswith("</", self.pos):
                self.end_tag()
            elif character == "<":
                self.start_tag()
            else:  # a run of plain text, up to the next markup character
                plain = _PLAIN.match(source, self.pos)
                assert plain is not None  # `character` itself is plain
                self.emit(plain.group())
                self.pos = plain.end()
        if self.open_tags:
            raise EntityParseError(
                f'Can\'t find end tag corresponding to start tag "{self.open_tags[-1].name}"'
            )
        entities = sorted(self.entities, key=lambda entity: (entity["offset"], -entity["length"]))
        return FormattedText("".join(self.out), tuple(entities))

    def skip_spaces(self) -> None:
        while self.pos < len(self.source) and self.source[self.pos].isspace():
            self.pos += 1

    def read_name(self, stops: str) -> str:
        start = self.pos
        source = self.source
        while self.pos < len(source) and not source[self.pos].isspace():
            if source[self.pos] in stops:
                break
            self.pos += 1
        return source[start : self.pos].lower()

    def start_tag(self) -> None:
        begin = self.pos
        self.pos += 1
        name = self.read_name(">")
        if self.pos >= len(self.source):
            raise EntityParseError(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        if name not in _ENTITY_TYPES:
            raise EntityParseError(
                f'Unsupported start tag "{name}" at byte offset {self.byte_offset(begin)}'
            )
        attributes = self.read_attributes(name, begin)
        if name == "span" and attributes.get("class") != "tg-spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.byte_offset(begin)}'
            )
        if name == "tg-emoji" and not attributes.get("emoji-id", "").isdigit():
            raise EntityParseError(
                "Custom emoji entity must contain a valid custom emoji identifier "
                f"at byte offset {self.byte_offset(begin)}"
            )
        self.open_tags.append(_OpenTag(name, self.units, attributes))

    def read_attributes(self, tag: str, begin: int) -> dict[str, str]:
        attributes: dict[str, str] = {}
        while True:
            self.skip_spaces()
            if self.pos >= len(self.source):
                raise EntityParseError(
                    f"Unclosed start tag at byte offset {self.byte_offset(begin)}"
                )
            if self.source[self.pos] == ">":
                self.pos += 1
                return attributes
            attribute_begin = self.pos
            attribute = self.read_name("=>")
            if not attribute:
                raise EntityParseError(
                    f'Empty attribute name in the tag "{tag}" at byte offset '
                    f"{self.byte_offset(attribute_begin)}"
                )
            self.skip_spaces()
            if self.source.startswith("=", self.pos):
                self.pos += 1
                self.skip_spaces()
                attributes[attribute] = self.attribute_value(begin)
            elif tag == "blockquote" and attribute == "expandable":
                attributes[attribute] = ""
            else:
                raise EntityParseError(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {self.byte_offset(attribute_begin)}'
                )

    def attribute_value(self, begin: int) -> str:
        source = self.source
        if self.pos >= len(source):
            raise EntityParseError(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        quote = source[self.pos]
        if quote not in "'\"":
            token = _NAME_TOKEN.match(source, self.pos)
            end = token.end() if token else self.pos
            if end >= len(source) or not (source[end].isspace() or source[end] == ">"):
                raise EntityParseError(
                    f"Unexpected end of name token at byte offset {self.byte_offset(end)}"
                )
            self.pos = end
            return source[token.start() : end].lower() if token else ""
        self.pos += 1
        value: list[str] = []
        while self.pos < len(source) and source[self.pos] != quote:
            if source[self.pos] == "&":
                value.append(self.decode_entity())
            else:
                value.append(source[self.pos])
                self.pos += 1
        if self.pos >= len(source):
            raise EntityParseError(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        self.pos += 1
        return "".join(value)

    def end_tag(self) -> None:
        begin = self.pos
        self.pos += 2
        name = self.read_name(">")
        self.skip_spaces()
        if not self.source.startswith(">", self.pos):
            raise EntityParseError(f"Unclosed end tag at byte offset {self.byte_offset(begin)}")
        self.pos += 1
        if not self.open_tags:
            raise EntityParseError(f"Unexpected end tag at byte offset {self.byte_offset(begin)}")
        tag = self.open_tags[-1]
        if name and name != tag.name:
            raise EntityParseError(
                f"Unmatched end tag at byte offset {self.byte_offset(begin)}, "
                f'expected "</{tag.name}>", found "</{name}>"'
            )
        self.open_tags.pop()
        self.close(tag)

    def close(self, tag: _OpenTag) -> None:
        length = self.units - tag.offset
        if length == 0:
            return
        entity: dict[str, Any] = {
            "type": _ENTITY_TYPES[tag.name],
            "offset": tag.offset,
            "length": length,
        }
        attributes = tag.attributes
        if tag.name == "a":
            if not attributes.get("href"):
                return
            entity["url"] = attributes["href"]
        elif tag.name == "tg-emoji":
            entity["custom_emoji_id"] = attributes["emoji-id"]
        elif tag.name == "blockquote" and "expandable" in attributes:
            entity["type"] = "expandable_blockquote"
        elif tag.name == "code" and attributes.get("class", "").startswith("language-"):
            entity["language"] = attributes["class"].removeprefix("language-")
        elif tag.name == "pre":
            self.absorb_code_language(entity)
        self.entities.append(entity)

    def absorb_code_language(self, pre: dict[str, Any]) -> None:
        """`<pre><code class="language-x">` is one pre entity with a language, as in Telegram."""
        for index, entity in enumerate(self.entities):
            same_span = (entity["offset"], entity["length"]) == (pre["offset"], pre["length"])
            if entity["type"] == "code" and same_span and "language" in entity:
                pre["language"] = entity["language"]
                del self.entities[index]
                return


def _entity_character(match: re.Match[str]) -> str | None:
    hexadecimal, decimal, name = match.groups()
    if name is not None:
        return _NAMED_ENTITIES.get(name)
    code = int(hexadecimal, 16) if hexadecimal is not None else int(decimal)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code)


def parse_html(source: str) -> FormattedText:
    """Parse Telegram HTML into the text a user sees; raise EntityParseError like Telegram."""
    return _HtmlParser(source).run()


def stripped(formatted: FormattedText) -> FormattedText:
    """Trim surrounding whitespace as Telegram does, keeping entities on their characters."""
    text = formatted.text
    kept = text.strip()
    if kept == text:
        return formatted
    lead = utf16_length(text[: len(text) - len(text.lstrip())])
    end = lead + utf16_length(kept)
    entities = []
    for entity in formatted.entities:
        start = max(entity["offset"], lead)
        stop = min(entity["offset"] + entity["length"], end)
        if stop > start:
            entities.append({**entity, "offset": start - lead, "length": stop - start})
    return FormattedText(kept, tuple(entities))
