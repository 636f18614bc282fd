"""Vietnamese text, the leaf every layer shares: canonical tone placement, folding, tokens,
the typo budget, and the keys place names are looked up by."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Combining marks: the five tones, and the marks that shape a vowel (â ă ê ô ơ ư).
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = frozenset("aăâeêioôơuưy")
_SHAPED_VOWELS = frozenset("ăâêôơư")
# Both conventions write the tone on the main vowel, except in these open pairs, where the
# old one ("hòa", "thủy") marks the first letter and the new one ("hoà", "thuỷ") the second.
_SECOND_VOWEL_PAIRS = frozenset({"oa", "oe", "uy"})
_APOSTROPHES = re.compile("['’ʼ`´]")
_WORD = re.compile(r"[^\W_]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Token:
    """One word in two forms: `accented` keeps the diacritics (tones in canonical places)."""

    accented: str
    folded: str

    @property
    def has_marks(self) -> bool:
        return self.accented != self.folded

    def agrees(self, other: "Token") -> bool:
        """Same word: same accents when both are written with them, else same letters."""
        if self.has_marks and other.has_marks:
            return self.accented == other.accented
        return self.folded == other.folded


def _split_tone(word: str) -> tuple[str, str]:
    """The word without its tone mark, and the tone mark ("" when there is none)."""
    letters: list[str] = []
    tone = ""
    for char in unicodedata.normalize("NFD", word):
        if char in _TONE_MARKS:
            tone = char
        else:
            letters.append(char)
    return unicodedata.normalize("NFC", "".join(letters)), tone


def _tone_position(word: str) -> int | None:
    """Index of the letter that carries the tone in the new ("hoà") convention."""
    start = 0
    while start < len(word) and word[start] not in _VOWELS:
        start += 1
    # "qu" and "gi" before another vowel are consonants: quý, già
    followed_by_vowel = start + 1 < len(word) and word[start + 1] in _VOWELS
    if start > 0 and followed_by_vowel and word[start - 1 : start + 1] in ("qu", "gi"):
        start += 1
    end = start
    while end < len(word) and word[end] in _VOWELS:
        end += 1
    nucleus = word[start:end]
    if not nucleus:
        return None
    shaped = [i for i, letter in enumerate(nucleus) if letter in _SHAPED_VOWELS]
    if shaped:
        return start + shaped[-1]
    if end < len(word) or len(nucleus) == 1:
        return end - 1
    if len(nucleus) == 2:
        return start + (1 if nucleus in _SECOND_VOWEL_PAIRS else 0)
    return start + 1


@lru_cache(maxsize=65536)
def canonical_word(word: str) -> str:
    """Lowercase NFC word, its tone on the letter the new convention uses (hòa → hoà)."""
    word = unicodedata.normalize("NFC", word).lower()
    bare, tone = _split_tone(word)
    position = _tone_position(bare) if tone else None
    if position is None:
        return word
    marked = unicodedata.normalize("NFC", unicodedata.normalize("NFD", bare[position]) + tone)
    return bare[:position] + marked + bare[position + 1 :]


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase, no diacritics, đ → d: "Mật ong Đồng Tháp" → "mat ong dong thap"."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokenize(text: str) -> list[Token]:
    """Words of `text`; punctuation and spaces separate words, apostrophes do not (H'Mông)."""
    return [_token(word) for word in _words(text)]


def capitalised(text: str) -> list[bool]:
    """For each word of `text` (as `tokenize` splits it): does it start with a capital?"""
    return [word[0].isupper() for word in _words(text)]


def _words(text: str) -> list[str]:
    return _WORD.findall(_APOSTROPHES.sub("", unicodedata.normalize("NFC", text)))


@lru_cache(maxsize=65536)
def _token(word: str) -> Token:
    accented = canonical_word(word)
    return Token(accented, fold(accented))


def normalize(text: str) -> str:
    """`text` as space-separated canonical accented words (lowercase, tones unified)."""
    return " ".join(token.accented for token in tokenize(text))


def folded_words(text: str) -> tuple[str, ...]:
    """Lowercase ASCII words: marks stripped, đ → d, punctuation dropped."""
    return tuple(_ASCII_WORD.findall(fold(text)))


def folded_phrase(text: str) -> str:
    """`folded_words` joined by single spaces: "Phường Ô Chợ Dừa" → "phuong o cho dua"."""
    return " ".join(folded_words(text))


def unit_key(words: tuple[str, ...] | str) -> str:
    """Folded words run together, the key `vietnamadminunits` files its units under ("ochodua")."""
    return "".join(folded_words(words) if isinstance(words, str) else words)


def typo_budget(length: int) -> int:
    """Typos allowed in a word of `length` letters, as search engines allow them: none up to 4,
    one up to 8, then two. Search and place names share it."""
    return 0 if length <= 4 else 1 if length <= 8 else 2
