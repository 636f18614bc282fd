"""Resolve what a shopper types as a place into Hanoi's 2025 wards and communes."""

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import IntEnum, StrEnum
from functools import cache, cached_property, lru_cache
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.geo.hanoi import HanoiUnit, hanoi_units
from bot.geo.wards import LegacyWard, OldDistrict, ward_directory
from bot.vietnamese import folded_phrase, folded_words, typo_budget, unit_key

Words = tuple[str, ...]
_Level = Literal["any", "ward", "district"]
# Separators between address parts ("Bát Tràng, Gia Lâm"); a dash stays inside names
# such as "Văn Miếu - Quốc Tử Giám".
_PART_SEPARATOR = re.compile(r"[,;/|\n]+")

_WARD_PREFIXES: tuple[Words, ...] = (
    ("phuong",),
    ("p",),
    ("xa",),
    ("x",),
    ("thi", "tran"),
    ("tt",),
)
_WARD_SUFFIXES: tuple[Words, ...] = (("ward",), ("commune",), ("village",))
_DISTRICT_PREFIXES: tuple[Words, ...] = (
    ("quan",),
    ("q",),
    ("huyen",),
    ("h",),
    ("thi", "xa"),
    ("tx",),
)
_DISTRICT_SUFFIXES: tuple[Words, ...] = (("district",), ("town",))
# A street, or the area around a place: "phố Hàng Bạc", "Hang Bac st", "Hoan Kiem Lake area"
_STREET_PREFIXES: tuple[Words, ...] = (
    ("khu", "vuc"),
    ("quanh",),
    ("around",),
    ("the",),
    ("con", "pho"),
    ("pho",),
    ("duong",),
)
_STREET_SUFFIXES: tuple[Words, ...] = (
    ("area",),
    ("street",),
    ("st",),
    ("road",),
    ("rd",),
    ("avenue",),
    ("boulevard",),
    ("blvd",),
)
# "my hotel in Hang Bac street": a known place at the end of a longer text, after these
_WITHIN_MARKERS = frozenset({"in", "on", "at", "near", "o", "tai", "gan", "tren", "canh"})
_PROVINCE_SUFFIXES: tuple[Words, ...] = (
    ("thanh", "pho", "ha", "noi"),
    ("tp", "ha", "noi"),
    ("tp", "hn"),
    ("ha", "noi"),
    ("hanoi",),
    ("hn",),
    ("city",),
    ("viet", "nam"),
    ("vietnam",),
)
# Markers this long ("district", "commune") are recognised with one typo; shorter ones only
# exactly: "phung" is a name (Phùng Xá), not a misspelt "phuong".
_TYPO_TOLERANT_MARKER = 7
SUGGESTION_COUNT = 3


class PlaceKind(StrEnum):
    WARD = "ward"  # a 2025 ward or commune
    LEGACY_WARD = "legacy_ward"  # a pre-2025 ward or commune, converted to its 2025 unit
    OLD_DISTRICT = "old_district"  # a pre-2025 district: every 2025 unit covering it
    AMBIGUOUS = "ambiguous"  # several units fit equally well: ask the user
    ELSEWHERE = "elsewhere"  # a province or district outside Hanoi ("Da Nang", "Ha Long")
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class PlaceMatch:
    text: str
    kind: PlaceKind
    units: tuple[HanoiUnit, ...] = ()  # one unit, the area's units, or the candidates
    # What was recognised: "Quận Đống Đa", "Phường Vĩnh Phúc (Quận Ba Đình)", "Thành phố Đà Nẵng"
    label: str = ""
    typo: bool = False  # matched only with a typo
    # a named place (landmark, market, street, catalog point), or a street read as the ward it
    # is named after: `label` then says where it lies
    named: bool = False
    # the units distances are measured from; empty: all of `units`. An old district is measured
    # from the units its wards went to as a whole, not from a unit that got a sliver of one.
    centres: tuple[HanoiUnit, ...] = ()
    # for UNKNOWN: the words `suggestions` looks for, only when asked (a search asks only
    # whether a text is a place)
    unplaced_words: Words = field(default=(), repr=False, compare=False)

    @cached_property
    def suggestions(self) -> tuple[HanoiUnit, ...]:
        """For UNKNOWN: the closest 2025 names."""
        if self.kind is not PlaceKind.UNKNOWN or not self.unplaced_words:
            return ()
        return _suggestions(self.unplaced_words)

    @property
    def unit(self) -> HanoiUnit | None:
        """The single unit, when the text names exactly one."""
        return self.units[0] if len(self.units) == 1 else None

    @property
    def choices(self) -> tuple[HanoiUnit, ...]:
        """Units to offer when the text names no single one: the candidates, or the closest."""
        return self.units if self.kind is PlaceKind.AMBIGUOUS else self.suggestions

    @property
    def origins(self) -> tuple[HanoiUnit, ...]:
        """The units to measure distances from."""
        return self.centres or self.units


@dataclass(frozen=True)
class _Hit:
    """One way of reading the text, before the best one is chosen."""

    kind: PlaceKind
    units: tuple[HanoiUnit, ...]
    label: str
    typo: bool = False
    named: bool = False
    centres: tuple[HanoiUnit, ...] = ()


NicknameTerms = Mapping[str, str | Sequence[str]]


class PlaceResolver:
    """Resolves place texts with one set of nicknames, prepared once: the live catalog holds
    one, so a search pays only for its text.

    `nicknames` maps what users type to the place(s) it stands for: a 2025 name, or the
    pre-2025 ward(s) a landmark or street lies in ({"Old Quarter": "Hoàn Kiếm",
    "Dong Xuan market": ("Phường Đồng Xuân, Quận Hoàn Kiếm",)}; see geo/gazetteer.py).
    """

    def __init__(self, nicknames: NicknameTerms | None = None) -> None:
        self._index = _nickname_index(frozenset(_as_terms(nicknames or {})))

    def __call__(self, text: str) -> PlaceMatch:
        return _resolve(text, self._index)


def resolve_place(text: str, *, nicknames: NicknameTerms | None = None) -> PlaceMatch:
    """Nicknames and exact 2025 names first, then old ward + old district, old names, streets
    and named places, typos (see `PlaceResolver`)."""
    return PlaceResolver(nicknames)(text)


def _resolve(text: str, index: "_NicknameIndex") -> PlaceMatch:
    raw_parts = address_parts(text)
    parts = [part for part in map(_without_province, raw_parts) if part]
    words = tuple(word for part in parts for word in part)
    # A nickname may itself end in the city's name: "ga Hà Nội" (Hanoi railway station).
    raw_words = tuple(word for part in raw_parts for word in part)
    by_nickname = _nickname_hit(raw_words, index) or _nickname_hit(words, index)
    if not words and not by_nickname:
        return PlaceMatch(text=text, kind=PlaceKind.UNKNOWN)
    hit = (
        by_nickname or _exact_name(words) or _ward_in_district(words, parts) or _legacy_name(words)
    )
    # A landmark or street before the place: "Nhà hát Lớn, Hoàn Kiếm"
    for part in parts if len(parts) > 1 else ():
        hit = hit or _nickname_hit(part, index) or _exact_name(part) or _legacy_name(part)
    hit = hit or _street(raw_words, index) or _street(words, index)
    hit = hit or _elsewhere_name(words) or _within(words, index)
    if hit := hit or _closest_name(words, index):
        return PlaceMatch(
            text,
            hit.kind,
            hit.units,
            label=hit.label,
            typo=hit.typo,
            named=hit.named,
            centres=hit.centres,
        )
    return PlaceMatch(text=text, kind=PlaceKind.UNKNOWN, unplaced_words=words)


def _as_terms(nicknames: NicknameTerms) -> Iterable[tuple[str, tuple[str, ...]]]:
    for alias, terms in nicknames.items():
        yield alias, (terms,) if isinstance(terms, str) else tuple(terms)


def _street_name(words: Words) -> Words | None:
    """The name inside "phố X", "X street", "khu vực X", "X area"; None without such words."""
    name = words
    for prefix in _STREET_PREFIXES:
        if len(name) > len(prefix) and name[: len(prefix)] == prefix:
            name = name[len(prefix) :]
    for suffix in _STREET_SUFFIXES:
        if len(name) > len(suffix) and name[-len(suffix) :] == suffix:
            name = name[: -len(suffix)]
    return name if name != words else None


def _street(words: Words, index: "_NicknameIndex") -> _Hit | None:
    """A street or an area by its name: a named place first, else the ward it is named after
    ("Hang Ma street" lies in the pre-2025 ward Hàng Mã, as the Old Quarter's streets do)."""
    name = _street_name(words)
    if name is None:
        return None
    if hit := _nickname_hit(name, index) or _nickname_hit(name, index, stripped=True):
        return hit
    if hit := _exact_name(name) or _legacy_name(name):
        return replace(hit, named=True)
    return None


def _within(words: Words, index: "_NicknameIndex") -> _Hit | None:
    """A known place closing a longer text: "my hotel in Hang Bac street" → Hàng Bạc."""
    for start in range(1, len(words) - 1):
        if words[start - 1] not in _WITHIN_MARKERS:
            continue
        rest = words[start:]
        hit = _nickname_hit(rest, index) or _street(rest, index)
        hit = hit or _exact_name(rest) or _legacy_name(rest)
        if hit and hit.kind is not PlaceKind.AMBIGUOUS:
            return replace(hit, named=True)
    return None


def _without_province(words: Words) -> Words:
    stripped = True
    while stripped:
        stripped = False
        for suffix in _PROVINCE_SUFFIXES:
            if len(words) >= len(suffix) and words[-len(suffix) :] == suffix:
                words, stripped = words[: -len(suffix)], True
    return words


def _is_marker(words: Words, marker: Words) -> bool:
    if len(words) != len(marker):
        return False
    return all(
        word == expected
        or (len(expected) >= _TYPO_TOLERANT_MARKER and OSA.distance(word, expected) <= 1)
        for word, expected in zip(words, marker, strict=True)
    )


@lru_cache(maxsize=4096)
def _readings(words: Words) -> tuple[tuple[_Level, Words], ...]:
    """The name with its level markers removed, marked readings first; the raw words last."""
    found: list[tuple[_Level, Words]] = []
    levels: tuple[tuple[_Level, tuple[Words, ...], tuple[Words, ...]], ...] = (
        ("ward", _WARD_PREFIXES, _WARD_SUFFIXES),
        ("district", _DISTRICT_PREFIXES, _DISTRICT_SUFFIXES),
    )
    for level, prefixes, suffixes in levels:
        for prefix in prefixes:
            if _is_marker(words[: len(prefix)], prefix) and len(words) > len(prefix):
                rest = words[len(prefix) :]
                found.append((level, rest))
                found += [
                    (level, rest[: -len(suffix)])
                    for suffix in suffixes
                    if len(rest) > len(suffix) and _is_marker(rest[-len(suffix) :], suffix)
                ]
        found += [
            (level, words[: -len(suffix)])
            for suffix in suffixes
            if len(words) > len(suffix) and _is_marker(words[-len(suffix) :], suffix)
        ]
    found.append(("any", words))
    return tuple(found)


def _exact_name(words: Words) -> _Hit | None:
    """A 2025 name ("Ba Đình" is the 2025 ward), or an old district when marked as one."""
    directory = ward_directory()
    for level, name in _readings(words):
        key = unit_key(name)
        units = directory.units_by_key.get(key, ())
        if units and level != "district":
            return _Hit(PlaceKind.WARD, units, units[0].name)
        districts = directory.districts_by_key.get(key, ())
        if districts and (level == "district" or not units):
            return _district_hit(districts[0])
    return None


def _district_hit(district: OldDistrict) -> _Hit:
    """Every unit covering the district; distances from the units its wards went to."""
    centres = _unique(ward.unit for ward in district.wards)
    return _Hit(PlaceKind.OLD_DISTRICT, district.units, district.name, centres=centres)


def _legacy_name(words: Words) -> _Hit | None:
    """A pre-2025 ward named alone ("phường Vĩnh Phúc"), converted to its 2025 unit."""
    for level, name in _readings(words):
        wards = ward_directory().legacy_by_key.get(unit_key(name), ())
        if wards and level != "district":
            return _legacy_hit(wards)
    return None


def _elsewhere_name(words: Words) -> _Hit | None:
    """A province or district outside Hanoi, once no Hanoi name matched exactly."""
    for level, name in _readings(words):
        if level != "ward" and (found := ward_directory().elsewhere_by_key.get(unit_key(name))):
            return _Hit(PlaceKind.ELSEWHERE, (), found)
    return None


def _legacy_hit(wards: Iterable[LegacyWard]) -> _Hit:
    wards = tuple(wards)
    units = _unique(ward.unit for ward in wards)
    label = "; ".join(f"{ward.name} ({ward.district})" for ward in wards)
    kind = PlaceKind.LEGACY_WARD if len(units) == 1 else PlaceKind.AMBIGUOUS
    return _Hit(kind, units, label)


def _ward_in_district(words: Words, parts: list[Words]) -> _Hit | None:
    """An old ward with its old district ("xa Bat Trang huyen Gia Lam", "Kim Liên, Đống Đa")."""
    part_starts = {sum(len(part) for part in parts[:index]) for index in range(len(parts))}
    for split in range(1, len(words)):
        district = _district_named(words[split:])
        if district is None:
            continue
        # Try the whole text before the district, then from each comma: "12 Hàng Bạc, Hàng Bạc, …"
        for start in sorted(start for start in part_starts if start < split):
            if hit := _ward_of(district, words[start:split]):
                return hit
    return None


def _district_named(words: Words) -> OldDistrict | None:
    directory = ward_directory()
    for level, name in _readings(words):
        if level == "ward":
            continue
        districts = directory.districts_by_key.get(unit_key(name), ())
        if districts:
            return districts[0]
    return None


def _ward_of(district: OldDistrict, words: Words) -> _Hit | None:
    """The ward part read inside its district, else as a 2025 name, else with a typo."""
    readings = [name for level, name in _readings(words) if level != "district"]
    for name in readings:
        if wards := district.wards_by_key.get(unit_key(name)):
            return _legacy_hit(wards)
    for name in readings:
        if units := ward_directory().units_by_key.get(unit_key(name)):
            return _Hit(PlaceKind.WARD, units, units[0].name)
    ward_names = [unit_key(ward.short_name) for ward in district.wards]
    for name in readings:
        if close := _closest(unit_key(name), ward_names):
            return replace(_legacy_hit(district.wards[index] for index in close), typo=True)
    return None


def _closest(key: str, names: Sequence[str], tiers: Sequence[int] | None = None) -> list[int]:
    """Indexes of the names nearest to `key` within its typo budget, lowest tier first; all ties."""
    found = process.extract(
        key, names, scorer=OSA.distance, score_cutoff=typo_budget(len(key)), limit=None
    )
    return _best_ties([(distance, tiers[i] if tiers else 0, i) for _, distance, i in found])


def _best_ties(found: Sequence[tuple[int, int, int]]) -> list[int]:
    """Of (distance, tier, index) triples, the indexes of the best (distance, tier), in order."""
    best = min(found, default=None)
    return sorted(index for distance, tier, index in found if best and (distance, tier) == best[:2])


class _Tier(IntEnum):
    """At equal typo distance a 2025 name beats a nickname, then pre-2025 names, then elsewhere."""

    UNIT = 0
    NICKNAME = 1
    DISTRICT = 2
    LEGACY_WARD = 3
    ELSEWHERE = 4


@cache
def _fuzzy_vocabulary() -> dict[_Level, list[tuple[str, _Tier, _Hit]]]:
    """Canonical short names only (not the package's spelling variants), by level."""
    directory = ward_directory()
    units = [
        (unit_key(unit.short_name), _Tier.UNIT, _Hit(PlaceKind.WARD, (unit,), unit.name))
        for unit in hanoi_units().values()
    ]
    districts = [
        (unit_key(district.short_name), _Tier.DISTRICT, _district_hit(district))
        for district in _unique_districts(directory.districts_by_key.values())
    ]
    legacy = [
        (unit_key(ward.short_name), _Tier.LEGACY_WARD, _legacy_hit([ward]))
        for district in _unique_districts(directory.districts_by_key.values())
        for ward in district.wards
    ]
    elsewhere = [
        (key, _Tier.ELSEWHERE, _Hit(PlaceKind.ELSEWHERE, (), name))
        for key, name in directory.elsewhere_by_key.items()
    ]
    return {
        "any": units + districts + legacy + elsewhere,
        "ward": units + legacy,
        "district": districts + elsewhere,
    }


def _unique_districts(groups: Iterable[tuple[OldDistrict, ...]]) -> list[OldDistrict]:
    return list({district.name: district for group in groups for district in group}.values())


def _closest_name(words: Words, index: "_NicknameIndex") -> _Hit | None:
    """The nearest name within the typo budget; ties between different places → ask."""
    for level, name in _readings(words):
        choices = index.fuzzy_names[level]
        hits = [choices.hits[i] for i in choices.closest(unit_key(name))]
        if not hits:
            continue
        if hits[0].kind is PlaceKind.ELSEWHERE:
            # Only a guard: "halon" must not become "Hà Đông"; too uncertain to answer with.
            return None
        if len({hit.units for hit in hits}) == 1:
            return replace(hits[0], typo=True)
        units = _unique(unit for hit in hits for unit in hit.units)
        return _Hit(PlaceKind.AMBIGUOUS, units, " / ".join(hit.label for hit in hits), typo=True)
    return None


@dataclass(frozen=True)
class _FuzzyNames:
    """The names typos are measured against, with their tiers and what each one names."""

    names: list[str]
    tiers: list[int]
    hits: list[_Hit]

    @classmethod
    def of(cls, choices: Sequence[tuple[str, _Tier, _Hit]]) -> "_FuzzyNames":
        return cls(
            [name for name, _, _ in choices], [t for _, t, _ in choices], [h for *_, h in choices]
        )

    @cached_property
    def _by_length(self) -> dict[int, tuple[list[str], list[int], list[int]]]:
        """Per name length: the names, their tiers and their indexes."""
        by_length: dict[int, tuple[list[str], list[int], list[int]]] = {}
        for index, (name, tier) in enumerate(zip(self.names, self.tiers, strict=True)):
            names, tiers, indexes = by_length.setdefault(len(name), ([], [], []))
            names.append(name)
            tiers.append(tier)
            indexes.append(index)
        return by_length

    def closest(self, key: str) -> list[int]:
        """`_closest` over all the names, measured only against those whose length is within
        the typo budget (a name further off in length is further off in typos)."""
        budget = typo_budget(len(key))
        found: list[tuple[int, int, int]] = []  # (distance, tier, index)
        for length in range(len(key) - budget, len(key) + budget + 1):
            if length in self._by_length:
                names, tiers, indexes = self._by_length[length]
                found += [
                    (distance, tiers[i], indexes[i])
                    for _, distance, i in process.extract(
                        key, names, scorer=OSA.distance, score_cutoff=budget, limit=None
                    )
                ]
        return _best_ties(found)


@dataclass(frozen=True)
class _NicknameIndex:
    full: dict[str, tuple[str, ...]]  # key of the name as written → its terms
    stripped: dict[str, tuple[str, ...]]  # key without "phố", "street"…: read after such words

    @cached_property
    def fuzzy_names(self) -> dict[_Level, _FuzzyNames]:
        """The names a typo may stand for, by level; "any" adds the nicknames. Built on first
        use, since placing a nickname's terms resolves them (with no nicknames)."""
        vocabulary = _fuzzy_vocabulary()
        nicknames = [
            (alias, _Tier.NICKNAME, by_nickname)
            for alias, terms in self.full.items()
            if (by_nickname := _terms_hit(terms))
        ]
        return {
            "any": _FuzzyNames.of(vocabulary["any"] + nicknames),
            "ward": _FuzzyNames.of(vocabulary["ward"]),
            "district": _FuzzyNames.of(vocabulary["district"]),
        }


@lru_cache(maxsize=8)
def _nickname_index(nicknames: frozenset[tuple[str, tuple[str, ...]]]) -> _NicknameIndex:
    """Names sharing a key ("Hồ Gươm" in aliases.csv and places.csv) pool their terms."""
    full: defaultdict[str, list[str]] = defaultdict(list)
    stripped: defaultdict[str, list[str]] = defaultdict(list)
    for alias, terms in sorted(nicknames):
        alias_words = folded_words(alias)
        if alias_words:
            full[unit_key(alias_words)] += terms
            if name := _street_name(alias_words):
                stripped[unit_key(name)] += terms
    return _NicknameIndex(
        full={key: tuple(dict.fromkeys(terms)) for key, terms in full.items()},
        stripped={key: tuple(dict.fromkeys(terms)) for key, terms in stripped.items()},
    )


def _nickname_hit(words: Words, index: _NicknameIndex, *, stripped: bool = False) -> _Hit | None:
    terms = (index.stripped if stripped else index.full).get(unit_key(words))
    return _terms_hit(terms) if terms else None


@lru_cache(maxsize=1024)
def _terms_hit(terms: tuple[str, ...]) -> _Hit | None:
    """The place a nickname stands for: its term's units; several terms (a street through
    several wards) → all their units, to choose from when they differ."""
    matches = [resolve_place(term) for term in terms]
    matches = [match for match in matches if match.units]
    if not matches:
        return None
    units = _unique(unit for match in matches for unit in match.units)
    if len(matches) == 1:
        match = matches[0]
        return _Hit(match.kind, units, terms[0], named=True, centres=match.centres)
    if len(units) == 1:
        return _Hit(matches[0].kind, units, terms[0], named=True)
    label = "; ".join(match.label or match.text for match in matches)
    return _Hit(PlaceKind.AMBIGUOUS, units, label, named=True)


@cache
def _folded_unit_names() -> dict[str, str]:
    return {unit.code: folded_phrase(unit.short_name) for unit in hanoi_units().values()}


def _suggestions(words: Words) -> tuple[HanoiUnit, ...]:
    query = " ".join(_readings(words)[0][1])
    closest = process.extract(
        query, _folded_unit_names(), scorer=fuzz.WRatio, limit=SUGGESTION_COUNT
    )
    units = hanoi_units()
    return tuple(units[code] for _, _, code in closest)


def _unique(units: Iterable[HanoiUnit]) -> tuple[HanoiUnit, ...]:
    return tuple(dict.fromkeys(units))


def address_parts(text: str) -> list[tuple[str, ...]]:
    """The comma-separated parts of an address, each as folded words, empty parts dropped."""
    parts = (folded_words(part) for part in _PART_SEPARATOR.split(text))
    return [part for part in parts if part]
