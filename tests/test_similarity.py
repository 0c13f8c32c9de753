from hypothesis import given, settings
from hypothesis import strategies as st

from coverage._lexicon import MATCHING_SYNONYMS, NUMBER_WORDS
from coverage.similarity import normalize_for_matching, stem, token_set_similarity

words = st.text(alphabet=st.sampled_from(list("abcdefgh XYZ0123.,'")), max_size=60)


@settings(max_examples=200)
@given(words, words)
def test_token_set_similarity_is_total_bounded_symmetric(a, b):
    score = token_set_similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert score == token_set_similarity(b, a)


@given(words)
def test_identity_and_empty(a):
    if normalize_for_matching(a):
        assert token_set_similarity(a, a) == 1.0
    assert token_set_similarity(a, "") == 0.0


def test_score_cutoff():
    assert token_set_similarity("three drones hit", "two boats sank", score_cutoff=0.9) == 0.0


def test_number_words_match_digits():
    assert token_set_similarity("Three drones attacked", "3 drones attacked") == 1.0


def test_stem():
    assert stem("workers") == "worker" and stem("evacuation") == "evacu"
    assert stem("cause") == stem("caused") == stem("causes") == "caus"
    assert stem("fire") == "fire" and stem("rescue") == "rescue"  # short words and a vowel before "e" keep it
    assert stem("is") == "is"


def _normalize_straightforwardly(text):
    """normalize_for_matching as first written: every number word tried at every word
    start, tokens filtered and stemmed one by one."""
    import re

    from coverage._lexicon import STOPWORDS
    from coverage.similarity import _IGNORECASE_ASCII, _SYNONYM_OF

    alone = sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(alone) + r")\b", re.IGNORECASE)
    text = pattern.sub(lambda m: str(NUMBER_WORDS[m.group(1).translate(_IGNORECASE_ASCII).lower()]), text)
    tokens = [t.replace(",", "") for t in re.findall(r"[a-z0-9]+(?:[.,][0-9]+)*", text.lower(), re.IGNORECASE)]
    stems = [stem(t) for t in tokens if t not in STOPWORDS]
    return " ".join(_SYNONYM_OF.get(t, t) for t in stems)  # a synonym as its line's first word


_number_words = st.sampled_from(sorted(w for w in NUMBER_WORDS if " " not in w))
_pieces = st.one_of(
    _number_words, _number_words.map(str.upper), _number_words.map(str.title),
    st.sampled_from(["ſix", "ſeven", "twenty-one", "a", "the", "1,200", "3.5", "workers", "onee", "_", "five_", "FIRM", "halted",
                     "é", "İ", "ı", "K", "fifteenth", "0", ".", ",", "-", "'s", "\u00a0"]),
)
_texts = st.lists(st.one_of(_pieces, st.text(max_size=4)), max_size=12).flatmap(
    lambda parts: st.lists(st.sampled_from(["", " ", "-", "_", ".", "é"]), min_size=len(parts), max_size=len(parts))
    .map(lambda seps: "".join(p + s for p, s in zip(parts, seps))))


@settings(max_examples=500)
@given(_texts)
def test_normalize_for_matching_matches_the_straightforward_version(text):
    assert normalize_for_matching(text) == _normalize_straightforwardly(text)


def test_token_characters_are_those_ignorecase_matches():
    import re

    from coverage.similarity import _TOKEN_RE

    spelled_out = re.compile(_TOKEN_RE.pattern[:_TOKEN_RE.pattern.index("]") + 1])
    ignorecase = re.compile("[a-z0-9]", re.IGNORECASE)
    assert ([c for c in map(chr, range(0x110000)) if spelled_out.fullmatch(c)]
            == [c for c in map(chr, range(0x110000)) if ignorecase.fullmatch(c)])


def test_synonyms_are_matched_as_one_word():
    assert normalize_for_matching("The trial was halted") == normalize_for_matching("The trial was suspended")
    assert normalize_for_matching("Workers fled") == normalize_for_matching("Staff evacuated")
    # words of several meanings are kept apart: "fired" (sacked) is not "blaze"
    assert normalize_for_matching("He was sacked") != normalize_for_matching("He was fired")
    assert normalize_for_matching("in March") != normalize_for_matching("in protest")


def test_synonym_lines_do_not_merge_words_the_stemmer_joins():
    # the stemmer gives "savings" the stem of "saved", "closely" that of "close",
    # "medics" that of "medication": those words stay out of the lines
    assert normalize_for_matching("savings") != normalize_for_matching("rescued")
    assert normalize_for_matching("closely") != normalize_for_matching("shut")
    assert normalize_for_matching("medics") != normalize_for_matching("drug")
    # "planes" has the stem of "plans", "locals" that of "local", "forces" that of "forced"
    assert normalize_for_matching("plan") != normalize_for_matching("jet")
    assert normalize_for_matching("local") != normalize_for_matching("residents")
    assert normalize_for_matching("forced") != normalize_for_matching("troops")


def test_each_word_of_a_synonym_line_is_matched_as_its_first_word():
    # a word whose stem an earlier line already holds ("jailed" and "jail") would be
    # matched as that line's word, not as its own line's
    for line in MATCHING_SYNONYMS:
        assert {normalize_for_matching(word) for word in line} == {normalize_for_matching(line[0])}, line
