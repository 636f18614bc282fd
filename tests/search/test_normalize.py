"""Vietnamese normalisation: tone placement, folding, words."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from bot.vietnamese import Token, canonical_word, fold, normalize, tokenize


def test_old_and_new_tone_placement_become_one_form() -> None:
    for old, new in [("hòa", "hoà"), ("thủy", "thuỷ"), ("khỏe", "khoẻ"), ("Hóa", "hoá")]:
        assert canonical_word(old) == canonical_word(new) == new


def test_tone_stays_where_both_conventions_agree() -> None:
    assert canonical_word("hoàng") == "hoàng"
    assert canonical_word("quý") == "quý"
    assert canonical_word("già") == "già"
    assert canonical_word("người") == "người"


def test_decomposed_input_is_the_same_word() -> None:
    decomposed = unicodedata.normalize("NFD", "Mật ong Hòa Bình")
    assert normalize(decomposed) == normalize("mật ong hoà bình") == "mật ong hoà bình"


def test_fold_drops_marks_and_dd() -> None:
    assert fold("Đậu phụ Võng La") == "dau phu vong la"
    assert fold("ĐỒNG") == "dong"


def test_words_split_on_punctuation_but_not_apostrophes() -> None:
    words = [t.folded for t in tokenize("Gà H'Mông, mother-of-pearl (38°N)…")]
    assert words == ["ga", "hmong", "mother", "of", "pearl", "38", "n"]


def test_different_words_keep_different_accented_forms() -> None:
    man, mẫn = tokenize("mận mẫn")
    assert man.folded == mẫn.folded == "man"
    assert not man.agrees(mẫn)
    assert man.agrees(Token("man", "man"))  # typed without marks: the letters decide


vietnamese_text = st.text(
    alphabet=st.sampled_from("aăâeêioôơuưydđAĐ hòáảãạèéẻẽẹuỳýỷỹỵqg-'.,"), max_size=30
)


@given(vietnamese_text)
def test_canonical_words_are_stable_and_keep_their_letters(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    for token in tokenize(text):
        assert canonical_word(token.accented) == token.accented
        assert token.folded == fold(token.accented)
    assert [t.folded for t in tokenize(text)] == [t.folded for t in tokenize(fold(text))]
