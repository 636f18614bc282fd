"""Query understanding: "X near PLACE" → product part and place part, stars, category."""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bot.search import chat_words, lexicon
from bot.search.aliases import AliasTable
from bot.search.phrases import Phrase, PhraseSet, Value
from bot.vietnamese import Token, fold, tokenize

MAX_PLACE_WORDS = 5  # a place named inside a longer sentence is at most this long
_JOINED_STARS = re.compile(r"([1-5])(?:sao|stars?)")


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # as typed
    product_text: str  # the words that name the product, normalised ("mật ong bạc hà")
    place_text: str | None  # the place part, for the place resolver ("hoàn kiếm")
    stars: int | None  # "5 sao", "5-star", "five star"
    category: str | None  # the catalog term a bare kind of product names ("trà" for "tea")
    words: tuple[Token, ...]  # product words to match, without question words
    place_words: tuple[Token, ...] = ()  # words of `place_text`
    soft: tuple[Phrase, ...] = ()  # weak evidence that only breaks ties (city, place)
    bare_place: bool = False  # the whole query names a place (products are those from it)
    weak: frozenset[int] = frozenset()  # positions in `words` of chat words ("mình", "my")

    @property
    def named_words(self) -> tuple[Token, ...]:
        """The words that may name goods: `words` without the chat words."""
        return tuple(word for i, word in enumerate(self.words) if i not in self.weak)


def _says(typed: Sequence[Token], start: int, phrase: Phrase) -> bool:
    """Whether the lexicon `phrase` is typed at `start`; a lone word written with diacritics
    counts only when typed with them ("quận" is a marker word, "quan" may be Quân)."""
    end = start + len(phrase)
    if end > len(typed):
        return False
    for word, expected in zip(typed[start:end], phrase, strict=True):
        if word.has_marks:
            if word.accented != expected.accented:
                return False
        elif word.folded != expected.folded or (expected.has_marks and len(phrase) == 1):
            return False
    return True


def _phrases(texts: Iterable[str]) -> PhraseSet[None]:
    return lexicon_phrases((text, None) for text in texts)


def lexicon_phrases(items: Iterable[tuple[str, Value]]) -> PhraseSet[Value]:
    return PhraseSet(((tuple(tokenize(text)), value) for text, value in items), agreement=_says)


class QueryParser:
    def __init__(self, *, aliases: AliasTable, place_names: Iterable[Phrase]) -> None:
        """`place_names` are the words of known places' names ("hoàn kiếm", "old quarter")."""
        self._aliases = aliases
        self._place_names = PhraseSet((name, None) for name in place_names)
        self._noise = _phrases(lexicon.NOISE_PHRASES + lexicon.ADMIN_PHRASES + chat_words.PARTICLES)
        self._stop = _phrases(chat_words.STOP_WORDS)
        self._stop_letters = {fold(word) for word in chat_words.STOP_WORDS if " " not in word}
        self._soft = _phrases(lexicon.SOFT_PHRASES)
        self._markers = _phrases(lexicon.PLACE_MARKERS)
        self._admin = _phrases(lexicon.ADMIN_PHRASES)
        self._star_words = _phrases(lexicon.STAR_WORDS)
        self._star_numbers = lexicon_phrases(lexicon.STAR_NUMBERS.items())
        self._opener = tokenize(lexicon.QUESTION_OPENER)[0]
        self._closer = tokenize(lexicon.QUESTION_CLOSER)[0]

    def parse(self, text: str, *, is_place: Callable[[str], bool] | None = None) -> ParsedQuery:
        typed = typed_words(text)
        used = [False] * len(typed)
        stars = self._take_stars(typed, used)
        self._take_question(typed, used)
        kept_by_question_words = used.copy()
        soft = self._take_lexicon(typed, used)
        admin = self._admin_positions(typed)
        marker = self._find_marker(typed, used, is_place) or self._find_admin_place(
            typed, used, admin, is_place
        )
        start, end = (len(typed), len(typed)) if marker is None else (marker[0], marker[2])
        words = _unique(typed[i] for i in (*range(start), *range(end, len(typed))) if not used[i])
        place_words: tuple[Token, ...] = ()
        if marker is not None:
            place_words = _unique(typed[i] for i in range(marker[1], end) if not used[i])
            # A place name may contain a question word ("Ô Chợ Dừa" folds to "o cho dua"):
            # the whole place part wins when the resolver knows it.
            kept = kept_by_question_words
            whole = _unique(typed[i] for i in range(marker[1], end) if not kept[i])
            if whole != place_words and is_place is not None and is_place(_text(whole)):
                place_words = whole
            soft = (*soft, place_words)
        bare_place = bool(words) and marker is None and self._names_place(words, is_place)
        place_text = _text(place_words)
        if bare_place:
            words, place_words = (), words
            place_text = _text(place_words)
            # "Dong Da district" is the old district, not the 2025 ward named Đống Đa
            with_admin = [typed[i] for i in range(len(typed)) if not used[i] or i in admin]
            if len(with_admin) > len(place_words) and is_place and is_place(_text(with_admin)):
                place_text = _text(with_admin)
        weak = frozenset() if bare_place else self._chat_positions(words)
        named = [word for i, word in enumerate(words) if i not in weak]
        entry = self._aliases.naming(named, kind="product") if named else None
        return ParsedQuery(
            text=text,
            product_text=_text(named),
            place_text=place_text or None,
            stars=stars,
            category=entry.term if entry else None,
            words=words,
            place_words=place_words,
            soft=soft,
            bare_place=bare_place,
            weak=weak,
        )

    def _chat_positions(self, words: tuple[Token, ...]) -> frozenset[int]:
        """Where the product words hold words that rarely name goods ("mình", "order", "my").
        They stay, weighing little: a name may hold one ("Kim So", "Cơ Anh")."""
        chat: set[int] = set()
        # typed without any diacritics, "minh" is as likely "mình" as a name
        unaccented = not any(word.has_marks for word in words)
        for start in range(len(words)):
            hit = self._stop.at(words, start)
            if hit:
                chat.update(range(start, start + len(hit[0])))
            elif unaccented and words[start].folded in self._stop_letters:
                chat.add(start)
        # a sentence-final "không" asks a yes/no question; inside, it is part of the goods
        end = len(words)
        while end and (end - 1 in chat or words[end - 1].agrees(self._closer)):
            end -= 1
            chat.add(end)
        return frozenset(chat)

    def _take_stars(self, typed: list[Token], used: list[bool]) -> int | None:
        for i, word in enumerate(typed):
            joined = _JOINED_STARS.fullmatch(word.folded)
            if joined:
                used[i] = True
                return int(joined.group(1))
            number = self._star_numbers.at(typed, i)
            if number and i + 1 < len(typed) and self._star_words.at(typed, i + 1):
                used[i] = used[i + 1] = True
                return number[1]
        return None

    def _take_question(self, typed: list[Token], used: list[bool]) -> None:
        """ "có … không" around a product asks whether it exists: both words go."""
        open_words = [i for i, word in enumerate(typed) if not used[i]]
        if len(open_words) < 3 or not typed[open_words[-1]].agrees(self._closer):
            return
        opener = next((i for i in reversed(open_words[:-1]) if typed[i].agrees(self._opener)), None)
        if opener is not None:
            used[open_words[-1]] = used[opener] = True

    def _take_lexicon(self, typed: list[Token], used: list[bool]) -> tuple[Phrase, ...]:
        """Mark question words used; return the soft phrases found."""
        soft: list[Phrase] = []
        i = 0
        while i < len(typed):
            found = None
            if not used[i]:
                hit = self._soft.at(typed, i)
                if hit:
                    found = hit[0]
                    soft.append(tuple(typed[i : i + len(found)]))
                elif hit := self._noise.at(typed, i):
                    found = hit[0]
            if found:
                for j in range(i, i + len(found)):
                    used[j] = True
                i += len(found)
            else:
                i += 1
        return tuple(soft)

    def _find_marker(
        self, typed: list[Token], used: list[bool], is_place: Callable[[str], bool] | None
    ) -> tuple[int, int, int] | None:
        """Start and end of the first place marker followed by a place, and the place's end.

        A short rest of the query is the place; in a long sentence, the longest run of words
        after the marker that names a place ("… cắm trại ở Sóc Sơn, tính mang theo …").
        """
        for start in range(len(typed)):
            if used[start]:
                continue
            hit = self._markers.at(typed, start)
            marker = hit[0] if hit else None
            # "o", "tai", "gan" are markers typed without diacritics, and ordinary words too
            needs_place = marker is None and not typed[start].has_marks
            if needs_place:
                marker = self._markers.one_word_like(typed[start])
            if marker is None:
                continue
            end = start + len(marker)
            after = [j for j in range(end, len(typed)) if not used[j]]
            place_end = self._place_end(typed, after, is_place, whole=not needs_place)
            if needs_place and place_end is None:
                continue
            for j in range(start, end):
                used[j] = True
            if after and place_end is not None:
                return start, end, place_end
            # "… in Hanoi": only weak words follow; the marker goes, and there is no place
        return None

    def _place_end(
        self,
        typed: list[Token],
        after: list[int],
        is_place: Callable[[str], bool] | None,
        *,
        whole: bool,
    ) -> int | None:
        """Where the place that starts at `after[0]` ends: all of `after` when it names a
        place (or, with `whole`, is short), else the longest run of up to MAX_PLACE_WORDS."""
        if not after:
            return len(typed)
        if len(after) <= MAX_PLACE_WORDS and (
            whole or self._names_place([typed[j] for j in after], is_place)
        ):
            return len(typed)
        for size in range(min(MAX_PLACE_WORDS, len(after) - 1), 0, -1):
            if self._names_place([typed[j] for j in after[:size]], is_place):
                return after[size - 1] + 1
        return None

    def _admin_positions(self, typed: list[Token]) -> set[int]:
        """Where the words of administrative levels are (quận, huyện, phường, district …)."""
        positions: set[int] = set()
        for start in range(len(typed)):
            hit = self._admin.at(typed, start)
            if hit:
                positions.update(range(start, start + len(hit[0])))
        return positions

    def _find_admin_place(
        self,
        typed: list[Token],
        used: list[bool],
        admin: set[int],
        is_place: Callable[[str], bool] | None,
    ) -> tuple[int, int, int] | None:
        """ "mật ong quận Đống Đa": a level word after the goods starts a place, if it is one."""
        if is_place is None or not admin:
            return None
        if self._names_place(
            [t for i, t in enumerate(typed) if not used[i] or i in admin], is_place
        ):
            return None  # the whole text is a place: "xã Bát Tràng, huyện Gia Lâm"
        for start in sorted(admin):
            before = [typed[i] for i in range(start) if not used[i]]
            place = [typed[i] for i in range(start, len(typed)) if not used[i] or i in admin]
            if before and self._names_place(place, is_place):
                return start, start, len(typed)
        return None

    def _names_place(self, words: Sequence[Token], is_place: Callable[[str], bool] | None) -> bool:
        """A known place by name; else, for the resolver to say, unless it names goods."""
        named = self._place_names.at(words, 0)
        if named and len(named[0]) == len(words):
            return True
        if is_place is None or self._aliases.naming(words, kind="product"):
            return False
        return is_place(_text(words))


def typed_words(text: str) -> list[Token]:
    """The words of `text` with chat shorthand spelled out ("dc" → "được", "5*" → "5 sao")."""
    words: list[Token] = []
    for word in tokenize(chat_words.STAR_SYMBOL.sub(r"\1 sao", text)):
        spelled = chat_words.SHORTHAND.get(word.accented)
        words.extend(_SHORTHAND_WORDS[spelled] if spelled else (word,))
    return words


_SHORTHAND_WORDS = {text: tuple(tokenize(text)) for text in chat_words.SHORTHAND.values()}


def _unique(words: Iterable[Token]) -> tuple[Token, ...]:
    seen: dict[str, Token] = {}
    for word in words:
        seen.setdefault(word.accented, word)
    return tuple(seen.values())


def _text(words: Sequence[Token]) -> str:
    return " ".join(word.accented for word in words)
