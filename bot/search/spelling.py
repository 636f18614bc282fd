"""Other ways a folded word may have been typed: Telex or VNI keystrokes, English plurals."""

import re

# Telex writes â ê ô as doubled letters, ă ơ ư with a "w", đ as "dd", and the tone as a
# trailing s f r x j; VNI uses digits. Without an input method these letters stay in the text.
_TELEX_LETTERS = (("dd", "d"), ("aa", "a"), ("ee", "e"), ("oo", "o"), ("uw", "u"), ("ow", "o"))
_TELEX_BREVE = re.compile(r"(?<=[a-z])w")
_TELEX_TONE = re.compile(r"(?<=[aeiouycmnptgh])[sfrxj]$")  # after a vowel or a final consonant
_VNI_DIGITS = re.compile(r"(?<=[a-z])[1-9]+")  # "chuo61i": a shape and a tone
_PLURALS = (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("s", ""))


def _telex(word: str) -> str:
    for keys, letter in _TELEX_LETTERS:
        word = word.replace(keys, letter)
    return _TELEX_TONE.sub("", _TELEX_BREVE.sub("", word))


def _singular(word: str) -> str:
    if len(word) < 4 or word.endswith("ss"):
        return word
    for ending, replacement in _PLURALS:
        if word.endswith(ending):
            return word[: -len(ending)] + replacement
    return word


def _plural(word: str) -> str:
    if len(word) < 3 or word.endswith("s") or not word.isalpha():
        return word
    if word.endswith(("ch", "sh", "x")):
        return word + "es"
    return word[:-1] + "ies" if word.endswith("y") and word[-2] not in "aeiou" else word + "s"


def spelling_variants(folded: str) -> tuple[str, ...]:
    """Readings of `folded` other than itself: "chuwng" → chung, "teas" → tea, "noodle" →
    noodles, "chu7ng" → chung."""
    if not folded.isascii():
        return ()
    readings = {_telex(folded), _singular(folded), _plural(folded), _VNI_DIGITS.sub("", folded)}
    readings.discard(folded)
    return tuple(sorted(reading for reading in readings if len(reading) > 1))
