"""Named places beyond ward names: landmarks, markets, streets (catalog_data/places.csv) and the
catalog's own points, each placed through its pre-2025 address or its 2025 ward.

A places.csv row names a place and the pre-2025 ward(s) it lies in, as its source writes them;
the 2025 unit is never typed by hand but converted by `vietnamadminunits` (the same legacy
conversion every old name gets). The rows reach the database as aliases of kind `named_place`
("Dong Xuan market" → "Phường Đồng Xuân, Quận Hoàn Kiếm"), so the running bot reads them with
the rest of the catalog snapshot.
"""

import re
from collections import defaultdict
from collections.abc import Iterable

from bot.geo.hanoi import HanoiUnit
from bot.store.kinds import AliasKind
from bot.store.models import Alias, Point
from bot.vietnamese import folded_words

LIST_SEPARATOR = "|"  # between names, and between legacy wards, in one places.csv cell
# "Điểm … OCOP – chợ Đồng Xuân": the part after the dash names the premises
_NAME_DASH = re.compile(r"\s[–—-]\s")
_PARENTHESES = re.compile(r"\([^)]*\)")
_MIN_POINT_NAME_WORDS = 2  # "Mart" alone is no place name

Nicknames = dict[str, tuple[str, ...]]  # what users type → the place(s) it stands for


def split_list(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]


def legacy_ward_unit(address: str) -> HanoiUnit | None:
    """The 2025 unit a pre-2025 ward ("Phường Hàng Trống, Quận Hoàn Kiếm") went to, as the
    package's converter says (its default unit when the ward was split); None when the text
    is no pre-2025 Hanoi ward."""
    from bot.geo.resolve import PlaceKind, resolve_place  # resolve reads the nicknames made here

    match = resolve_place(address)
    return match.unit if match.kind is PlaceKind.LEGACY_WARD else None


def place_aliases(name: str, other_names: str, legacy_wards: str) -> list[dict[str, str]]:
    """The alias rows one places.csv row becomes: every name × every legacy ward."""
    names = [name, *split_list(other_names)]
    return [
        {"kind": AliasKind.NAMED_PLACE, "term": ward, "alias": each}
        for each in dict.fromkeys(names)
        for ward in split_list(legacy_wards)
    ]


def point_place_names(point: Point) -> list[str]:
    """Names a shopper may call a located point by: its name, and the premises after the dash
    ("Phúc Hậu Mart", "chợ Đồng Xuân"), without parenthesised remarks."""
    if not point.ward:
        return []
    names = [point.name]
    parts = _NAME_DASH.split(point.name)
    if len(parts) > 1:
        premises = _PARENTHESES.sub("", parts[-1]).strip()
        if len(folded_words(premises)) >= _MIN_POINT_NAME_WORDS:
            names.append(premises)
    return names


def place_nicknames(aliases: Iterable[Alias], points: Iterable[Point] = ()) -> Nicknames:
    """What users type → the place(s) it names: places.csv rows (their legacy wards), the
    catalog's located points (their 2025 ward), and aliases.csv nicknames where neither
    names the same thing."""
    by_source: dict[AliasKind, defaultdict[str, list[str]]] = {
        AliasKind.NAMED_PLACE: defaultdict(list),
        AliasKind.PLACE: defaultdict(list),
    }
    for alias in aliases:
        if alias.kind in by_source:
            by_source[alias.kind][alias.alias].append(alias.term)
    named = by_source[AliasKind.NAMED_PLACE]
    for point in points:
        for name in point_place_names(point):
            named[name].append(point.ward or "")
    nicknames: Nicknames = {
        alias: tuple(dict.fromkeys(terms)) for alias, terms in by_source[AliasKind.PLACE].items()
    }
    nicknames.update((alias, tuple(dict.fromkeys(terms))) for alias, terms in named.items())
    return nicknames
