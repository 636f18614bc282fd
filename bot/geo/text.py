"""Folding of place text: the forms users type, with or without Vietnamese diacritics."""

import re

from bot.search.normalize import fold as fold_marks

_WORD = re.compile(r"[a-z0-9]+")
# Separators between address parts ("Bát Tràng, Gia Lâm"); a dash stays inside names
# such as "Văn Miếu - Quốc Tử Giám".
_PART_SEPARATOR = re.compile(r"[,;/|\n]+")


def fold_words(text: str) -> tuple[str, ...]:
    """Lowercase ASCII words: marks stripped, đ → d, punctuation dropped."""
    return tuple(_WORD.findall(fold_marks(text)))


def fold(text: str) -> str:
    """`fold_words` joined by single spaces: "Phường Ô Chợ Dừa" → "phuong o cho dua"."""
    return " ".join(fold_words(text))


def compact_key(words: tuple[str, ...] | str) -> str:
    """Words run together, the form `vietnamadminunits` uses for its keys ("ochodua")."""
    return "".join(fold_words(words) if isinstance(words, str) else words)


def split_parts(text: str) -> list[tuple[str, ...]]:
    """The comma-separated parts of an address, each as folded words, empty parts dropped."""
    parts = (fold_words(part) for part in _PART_SEPARATOR.split(text))
    return [part for part in parts if part]
