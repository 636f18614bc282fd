"""places.csv, the gazetteer of named places: its columns and the checks on its wards.

Each row gives the pre-2025 ward(s) a landmark, market or street lies in, as its source writes
them, and the 2025 code(s) those wards went to; the codes must be exactly what
`vietnamadminunits` converts the wards to, so they are never a hand-typed ward table.
"""

from collections.abc import Iterable
from typing import Any

from bot.geo.gazetteer import legacy_ward_unit, place_aliases, split_list
from bot.geo.hanoi import hanoi_units, inside_hanoi

# (line, column, message) of one problem
PlaceProblem = tuple[int, str, str]


def converted_codes(legacy_wards: str) -> list[str] | None:
    """The 2025 codes the wards went to, in order, each once; None if one is not a ward."""
    units = [legacy_ward_unit(ward) for ward in split_list(legacy_wards)]
    if not units or any(unit is None for unit in units):
        return None
    return list(dict.fromkeys(unit.code for unit in units if unit is not None))


def place_problems(rows: Iterable[tuple[int, dict[str, Any]]]) -> list[PlaceProblem]:
    """Every legacy ward is a pre-2025 Hanoi ward; `ward_codes` are the 2025 Hanoi units they
    went to, inside Hanoi, exactly as the package converts them."""
    problems: list[PlaceProblem] = []
    units = hanoi_units()
    for line, values in rows:
        legacy, written = values.get("legacy_wards"), values.get("ward_codes")
        if legacy is None or written is None:
            continue
        for ward in split_list(legacy):
            if legacy_ward_unit(ward) is None:
                problems.append((line, "legacy_wards", f"{ward!r} is not a pre-2025 Hanoi ward"))
        codes = split_list(written)
        for code in codes:
            unit = units.get(code)
            if unit is None or not inside_hanoi((unit.lat, unit.lon)):
                problems.append((line, "ward_codes", f"{code} is not a 2025 Hanoi unit"))
        expected = converted_codes(legacy)
        if expected is not None and codes != expected:
            message = f"the legacy wards convert to {'|'.join(expected)}, not {written}"
            problems.append((line, "ward_codes", message))
    return problems


def places_as_aliases(rows: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    """The alias rows (kind `named_place`) the gazetteer is loaded as."""
    return [
        alias
        for values in rows
        for alias in place_aliases(values["name"], values["other_names"], values["legacy_wards"])
    ]
