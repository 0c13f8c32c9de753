import datetime as dt
import importlib
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from coverage import Article
from coverage.segment import find_attribution, find_names, find_quantities, find_times, segment, sentence_spans


def claims_of(text, **kw):
    return segment(Article(text=text, outlet="X", id="a", **kw))


@pytest.mark.parametrize("text, expected", [
    ("Dr. Smith met U.S. officials on Nov. 7. They talked.", 2),
    ("He left at 2 a.m. on Sunday. Nobody saw him.", 2),
    ("Prices rose 3.5 percent. Analysts were surprised.", 2),
    ("J. R. Smith spoke. Then he left!", 2),
    ("First paragraph without a stop\n\nSecond one here.", 2),
])
def test_sentence_spans_respect_abbreviations(text, expected):
    assert len(sentence_spans(text)) == expected


def test_dateline_is_not_part_of_the_claim():
    claims = claims_of("BAGHDAD (Reuters) - Three drones hit the residence, officials said.")
    assert claims[0].text.startswith("Three drones")
    claims = claims_of("BROOKFIELD, Sept 9 (CPS) - The plant closed.")
    assert claims[0].text == "The plant closed."


def test_photo_credit_and_heading_are_skipped():
    text = "The minister escaped unhurt on Nov 7. PHOTO: REUTERS\n\nMade in Iran\n\nThe drones were small."
    texts = [c.text for c in claims_of(text)]
    assert texts == ["The minister escaped unhurt on Nov 7.", "The drones were small."]


@pytest.mark.parametrize("sentence, source", [
    ("Three drones were launched, security officials said.", "security officials"),
    ("Fire chiefs said the blaze began in the main unit.", "Fire chiefs"),
    ('"We have the guns," said Hamdi Malik, an analyst.', "Hamdi Malik"),
    ("About 40 people were at work, according to the company.", "the company"),
    ("Kestrel insists the site met every safety standard.", "Kestrel"),
    ("The fire started at 2 a.m. and spread quickly.", None),
    ("The first reports of the machines overheating reached the company.", None),
])
def test_attribution(sentence, source):
    assert find_attribution(sentence)[0] == source


def test_pronoun_source_resolves_to_last_named_person():
    text = ('"It was a message," said Hamdi Malik, an analyst.\n\n'
            '"I do not think Iran wants a war. It would weaken its position," he said.')
    claims = claims_of(text)
    assert [c.attributed_to for c in claims] == ["Hamdi Malik"] * 3
    assert all(c.quoted for c in claims)


@pytest.mark.parametrize("text, value, unit, approx", [
    ("Three drones", 3, "", False),
    ("14 workers", 14, "", False),
    ("about $1.2bn in sales", 1.2e9, "$", True),
    ("as much as 40 million dollars", 4e7, "$", True),
    ("fell 6 percent", 6, "%", False),
    ("twenty-five people", 25, "", False),
    ("£85,000 fine", 85000, "£", False),
])
def test_quantities(text, value, unit, approx):
    q = find_quantities(text)[0]
    assert (q.value, q.unit, q.approx) == (pytest.approx(value), unit, approx)


def test_model_numbers_and_dates_are_not_counts():
    assert find_quantities("The AC-55 was sold") == []
    times = find_times("on Nov 7, 2021 at 2.30 a.m.")
    skip = [(t.start, t.end) for t in times]
    assert find_quantities("on Nov 7, 2021 at 2.30 a.m.", skip=skip) == []


def test_relative_weekday_resolves_against_published_date():
    refs = find_times("on Sunday", published=dt.date(2021, 11, 8))
    assert [(r.kind, r.value) for r in refs] == [("date", "2021-11-07")]
    refs = find_times("into Friday", published=dt.date(2025, 3, 6))  # a Thursday
    assert refs[0].value == "2025-03-07"
    assert find_times("on Sunday")[0].kind == "weekday"


def test_clock_times():
    refs = find_times("at about 11.30 p.m. on Wednesday")
    assert ("time", str(23 * 60 + 30)) in [(r.kind, r.value) for r in refs]


@pytest.mark.parametrize("text, minutes", [
    ("The blast came at 14.10 on Sunday.", 850),
    ("The blast came at 14.10 GMT.", 850),
    ("They met at 14:10.", 850),
    ("Police arrived by 9.45, officials said.", 585),
    ("Varga pocketed \u20ac2.31 million in bribes.", None),  # a decimal, not 2.31 a.m.
    ("The margin was 0.13 percentage points.", None),
    ("Inflation held at 2.40 percent.", None),
    ("The bar was set at 2.50 metres.", None),
    ("The pound fell 1.25 on the day.", None),
    ("It ran until 2.75 on the clock.", None),  # no minute 75
    # a word after the time that merely ends like a unit ("yesterday", "Washington")
    ("Police were called at 14.10 yesterday.", 850),
    ("The blast came at 14.10 Sunday.", 850),
    ("Polls open at 10.30 Washington time.", 630),
])
def test_a_time_with_a_dot_is_told_from_a_decimal(text, minutes):
    times = [int(r.value) for r in find_times(text) if r.kind == "time"]
    assert times == ([] if minutes is None else [minutes])


def test_a_decimal_figure_is_kept_as_a_figure():
    (claim,) = claims_of("Varga pocketed \u20ac2.31 million in bribes over four years.")
    assert 2_310_000 in [q.value for q in claim.numbers]


def test_names():
    names = [s.text for s in find_names("The attack on Mustafa al-Kadhemi was blamed on Kataib Hezbollah.")]
    assert names == ["Mustafa al-Kadhemi", "Kataib Hezbollah"]


def test_hedges_and_negation_flags():
    hedged, plain, negated = claims_of(
        "The drones may have been made in Iran. The drones were made in Iran. No group claimed it.")
    assert hedged.hedged and not plain.hedged
    assert negated.negated and not plain.negated


def test_clause_split_on_but():
    claims = claims_of("No homes were evacuated, but residents living nearby were told to keep windows shut.")
    assert [c.text for c in claims] == ["No homes were evacuated",
                                        "but residents living nearby were told to keep windows shut."]
    assert len(claims_of("It came in black, white and sage green.")) == 1


def test_attribution_closing_a_clause_covers_the_sentence():
    claims = claims_of("Two workers were hurt, a hospital spokeswoman said, while the others were treated for smoke.")
    assert {c.attributed_to for c in claims} == {"a hospital spokeswoman"}


def test_long_sentence_is_capped():
    sentence = ", ".join(["the wall collapsed near the river bank"] * 30) + "."
    claims = claims_of(sentence)
    assert all(c.end - c.start <= 300 for c in claims)


text_strategy = st.text(
    alphabet=st.sampled_from(list("abcdefghij ABCDE.,;!?\"'\n0123456789-()$%")), min_size=1, max_size=400
)


@settings(max_examples=150, deadline=None)
@given(text_strategy)
def test_offsets_round_trip(text):
    if not text.strip():
        return
    article = Article(text=text, outlet="X", id="a", published="2021-11-07")
    for claim in segment(article):
        assert article.text[claim.start:claim.end] == claim.text
        assert claim.text.strip() == claim.text
        for span in claim.numbers + claim.dates + claim.names + claim.hedges:
            assert claim.start <= span.start < span.end <= claim.end
            assert article.text[span.start:span.end] == span.text


def test_sentences_may_start_with_accented_or_lower_camel_case_words():
    text = "Three drones attacked the house. Ömer Yılmaz said two guards were hurt. iPhone footage showed it."
    assert len(sentence_spans(text)) == 3


def test_full_width_stops_split_chinese():
    assert len(sentence_spans("三架无人机周日袭击了总理官邸。两人受伤。")) == 2


def test_segment_rejects_non_articles():
    from coverage import InvalidArticleError

    with pytest.raises(InvalidArticleError):
        segment("Three drones attacked.")


@pytest.mark.parametrize("text", ["He said on Tueſday that 5 mİllion people fled last nİght.",
                                  "ıı İİ ſſ KK", "The ſeven Kilometres of road were closed in Deċember."])
def test_characters_that_case_folding_reads_as_ascii_do_not_crash(text):
    claims = segment(Article(text=text, outlet="x", id="x"))
    for c in claims:
        assert text[c.start:c.end] == c.text


@pytest.mark.parametrize("text, expected", [
    ("A staggering 200mm of rain fell.", (200.0, "mm")),
    ("The 164 millimetres of rain that fell.", (164.0, "mm")),
    ("Drivers face a 15km detour.", (15.0, "km")),
])
def test_units_written_onto_or_after_the_figure(text, expected):
    q = find_quantities(text)[0]
    assert (q.value, q.unit) == expected
    assert text[q.start:q.end] == q.text


@pytest.mark.parametrize("sentence, source", [
    ("In a statement on Sunday, Redmoor Police said stewards had opened an exit gate.", "Redmoor Police"),
    ("On Monday, the council said the bridge would reopen.", "the council"),
    ("Speaking to reporters, the minister said aid was coming.", "the minister"),
])
def test_attribution_after_an_opening_phrase(sentence, source):
    assert find_attribution(sentence)[0] == source


# Quick paths of segmentation checked against the straightforward code they replace.

seg = importlib.import_module("coverage.segment")  # the module (coverage.segment is also the function)

_folding_text = st.text(
    alphabet=st.sampled_from(list("abz AKZ.,'\n\t\xa0é—İıſK\u212a0123456789")), max_size=80)


def _fold_reference(text):
    if not text.isascii():
        if re.search("[İıſ\u212a]", text):
            text = text.translate(str.maketrans("İıſ\u212a", "iisk"))
        text = text.encode("ascii", "replace").decode("ascii")
    return text.lower()


@settings(max_examples=300, deadline=None)
@given(_folding_text)
def test_fold_and_words_match_the_straightforward_code(text):
    folded = seg._fold(text)
    assert folded == _fold_reference(text)
    assert len(folded) == len(text)
    assert seg._words(folded) == set(re.findall("[a-z]+", folded))
    # character by character: the fold of a slice is the slice of the fold
    assert seg._fold(text[3:40]) == folded[3:40]


_timing_text = st.lists(st.sampled_from(
    ["on", "Sunday", "sunday", "Nov", "May", "may", "7", "2021", "A320", "12,000", "2.30", "p.m.", "a.m.",
     "noon", "midnight", "last", "night", "tonight", "Sept.", "september", "Late", "at", "dawn", "early", "hours", "yesterday", "today", "morning",
     "at", "14:05", "GMT", "14.10", "2.31", "million", "by", "per cent", "2021-11-07", "of", "ſunday", "İ", ",", ".", "(", ")", "-", "3rd"]),
    max_size=14).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_timing_text, st.sampled_from([None, dt.date(2021, 11, 8)]))
@example("Late at night, in the small hours before dawn, and last night at midnight on Sept. 7", None)
def test_find_times_tries_every_pattern_where_it_can_match(text, published):
    """The patterns are tried only at some positions: the same times as trying them everywhere."""
    everywhere = lambda pattern, text, starts: list(pattern.finditer(text))  # noqa: E731
    quick = find_times(text, published=published)
    original = seg._finditer_at
    seg._finditer_at = everywhere
    try:
        assert quick == find_times(text, published=published)
    finally:
        seg._finditer_at = original


_attribution_text = st.tuples(
    st.lists(st.sampled_from(["said", "told", "officials", "the", "company", ",", '"', "”", "police", "x" * 40,
                              "warned", "of", "that", "was", "Smith", "Ömer", "."]), max_size=12).map(" ".join),
    st.sampled_from([", officials said", ", the company told", '" Smith warned', ", said", ", it acknowledges", ""]),
    st.integers(0, 130).map(lambda n: (" ab." * 40)[:n]),  # a tail up to and past the reach
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_attribution_text)
@example("x" * 200 + ", it acknowledges" + " ab." * 30)  # the longest verb, the longest tail
def test_trailing_attribution_is_only_skipped_where_it_cannot_match(text):
    body = text.rstrip()
    if not seg._verb_near_end(body):
        assert seg._TRAILING_ATTR_RE.search(body) is None


_quantity_text = st.lists(st.sampled_from(
    ["US$", "us$", "uſ$", "$", "£", "€5", "$ 3", "5", "1,234", "1,2345", "12.5", "bn", "m", "million", "one",
     "someone", "two", "twenty-two", "ſix", "dozen", "a", "pair", "of", "people", "%", "per cent", "dollars",
     "about", "at least", "up to", "A320", "mum-of-two", "200mm", "km", "\xa0", "(", ")", ",", "-",
     "US$5", "$5bn", "5m", "US$ 12", "3.5%", "x", "-4"]),
    max_size=14).map(" ".join)


def _quantities_tried_everywhere(text):
    """find_quantities(text) with every pattern tried at every position."""
    original = seg._finditer_at
    seg._finditer_at = lambda pattern, text, starts: list(pattern.finditer(text))
    try:
        return find_quantities(text)
    finally:
        seg._finditer_at = original


@settings(max_examples=400, deadline=None)
@given(_quantity_text)
def test_find_quantities_tries_the_pattern_where_it_can_match(text):
    """The pattern is tried only near digits, currency signs and number words: the same
    figures as trying it everywhere."""
    assert find_quantities(text) == _quantities_tried_everywhere(text)


_share_text = st.tuples(st.lists(st.sampled_from(
    ["one", "One", "someone", "ſix", "two", "nine", "10", "3,000", "1", "x1", "in", "out of", "every", "five",
     "ten", "twenty", "half", "a third", "thİrd", "two-thirds", "three quarters", "a quarter", "of", "the", "vote",
     "more than", "almost", "per cent", "%", "years", "behalf", ",", "-"]), max_size=14),
    st.sampled_from([" ", "  ", "\n"])).map(lambda parts: parts[1].join(parts[0]))


@settings(max_examples=400, deadline=None)
@given(_share_text)
@example("One in five, and more than half of the vote")
def test_shares_are_found_where_their_patterns_are_tried(text):
    """"One in five" is only tried where a number can begin: the same shares as trying it everywhere."""
    assert find_quantities(text) == _quantities_tried_everywhere(text)


@pytest.mark.parametrize("text, found", [
    ("More than half of the vote went to him.", True),
    ("About a thİrd of the staff left.", True),  # (İ matches i when case is ignored)
    ("One in five voters stayed home.", True),
    ("He acted on behalf of the firm.", False),
])
def test_a_fraction_is_only_searched_for_where_one_is_named(text, found):
    folded = seg._fold(text)
    shares = seg._fractions(text, folded, 0, seg._quantity_starts(text, folded))
    assert bool(shares) is found


_cue_text = st.tuples(st.lists(st.sampled_from(
    ["in", "principle", "being", "it", "is", "thought", "city", "may", "dismay", "_may", "no", "decision",
     "know", "not", "yet", "decided", "could", "have", "suspect", "police", "they", "x9", "under", "investigation",
     "Ünder", "ſuspected", "said", "to", "be", "updated", "rose", "denied", "nobody", "é", "'"]), max_size=12),
    st.sampled_from([" ", "", "_", "-", "'"])).map(lambda parts: parts[1].join(parts[0]))


@settings(max_examples=400, deadline=None)
@given(_cue_text)
@example("Being in principle unknown, it is thought")
@example("é_in principle, xno decision")
def test_hedge_negation_and_update_cues_are_found_where_they_are_tried(text):
    """The patterns are only tried where one of their first words begins a word: the same
    matches as finditer."""
    from coverage._lexicon import HEDGE_RE, HEDGE_WORDS, NEGATION_RE, NEGATION_WORDS, UPDATE_RE, UPDATE_WORDS

    folded = seg._fold(text)
    words = seg._words(folded)
    for pattern, first_words in ((HEDGE_RE, HEDGE_WORDS), (NEGATION_RE, NEGATION_WORDS), (UPDATE_RE, UPDATE_WORDS)):
        if pattern is NEGATION_RE and "n't" in folded:
            continue  # (searched for everywhere: a contraction can begin at any word)
        expected = [match.span() for match in pattern.finditer(text)]
        assert [match.span() for match in seg._word_matches(pattern, text, folded, words, first_words)] == expected


_speech_text = st.lists(st.sampled_from(
    ["said", "says", "say", "sayings", "saidx", "told", "Told", "reports", "reported", "report", "warn", "warns-",
     "claims", "officials", "police", "the", "a", "also", "now", "they", "I", "Smith", "Mr.", ",", '"', "”", "’",
     "according", "to", "of", "that", "was", "on", "Sunday", ".", "x" * 30]), max_size=14).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_speech_text)
@example('"We are ready," said Mr. Smith, the officials reported.')
def test_the_speech_verb_look_ahead_changes_no_attribution_match(text):
    """The look-ahead only says early what the verb patterns require: without it, the same matches."""
    for pattern, how in ((seg._TRAILING_ATTR_RE, "search"), (seg._TRAILING_INVERTED_RE, "search"),
                         (seg._LEADING_ATTR_RE, "match"), (seg._NOUN_SOURCE_RE, "match"),
                         (seg._ATTRIBUTION_CLAUSE_RE, "match")):
        assert seg._SPEECH_AHEAD in pattern.pattern
        plain = re.compile(pattern.pattern.replace(seg._SPEECH_AHEAD, ""), pattern.flags)
        for at in range(0, len(text), 7):
            quick, slow = getattr(pattern, how)(text[at:]), getattr(plain, how)(text[at:])
            assert (quick and (quick.span(), quick.groupdict())) == (slow and (slow.span(), slow.groupdict()))


@pytest.mark.parametrize("sentence, source", [
    # a speech verb in a relative clause is not the attribution
    ("Varga, who denied all the charges, will appeal, his lawyer Paul Ferrante told reporters.",
     "his lawyer Paul Ferrante"),
    ("The minister, who denied wrongdoing, resigned on Friday.", None),
    ("Police, who said the man was armed, shot him.", None),
    ("Smith, who admitted the charge, was fined, the court said.", "the court"),
    # a name in apposition to a description is kept with it
    ("His brief, Paul Ferrante, said they would appeal.", "His brief, Paul Ferrante"),
    # after the verb: a reported clause, or whom the source told, is no source
    ("Luca Brandt, the former boss, said he paid.", "Luca Brandt"),
    ("The plant will close, a spokesman, Tom Hale, told reporters.", "Tom Hale"),
])
def test_attribution_relative_clauses_appositions_and_reported_clauses(sentence, source):
    assert find_attribution(sentence)[0] == source


@pytest.mark.parametrize("sentence, source", [
    # an auxiliary or an adverb between the source and its verb is not part of the source
    ("The blackout was caused by a faulty update, the operator has confirmed.", "the operator"),
    ("The company has confirmed that 14 people were hurt.", "The company"),
    ("The fire spread quickly, officials later said.", "officials"),
    ("The company had earlier said it would pay.", "The company"),
    # plain forms after a plural subject
    ("Police believe the fire was started deliberately.", "Police"),
    ("Officials estimate that 40 homes were lost.", "Officials"),
    # no statement is reported
    ("Police declined to say how many people were hurt.", None),
    ("They want to report the damage to insurers.", None),
    ("Police have not said why the alarm failed.", None),
    # the verb after a relative clause is the sentence's own ("announced an inquiry")
    ("The authority, which said it had received reports of at least 2,300 failed calls, "
     "announced a formal inquiry on Thursday evening.", None),
    # a comma inside a figure begins nothing; one after a year does
    ("Damage was put at 2,300 homes, officials said.", "officials"),
    ("The plant will close at the end of March 2026, the company said.", "the company"),
    # a clause of its own before the verb's
    ("Nine volunteers ended up in hospital, and Tellmark has still not explained what went wrong.", None),
    ("The run began on Wednesday, when the bank disclosed that it expected losses.", None),
    ("The fire spread fast, and police said it was arson.", "police"),
])
def test_attribution_auxiliaries_plain_forms_and_clauses_before_the_source(sentence, source):
    assert find_attribution(sentence)[0] == source


@pytest.mark.parametrize("sentence, source", [
    # a plain form after a singular word is the noun ("the report", "her claim")
    ("The report found the plant was unsafe.", None),
    ("Her claim was rejected by the court.", None),
    ("The latest estimate puts the toll at 40.", None),
    ("The insurance claim remains open.", None),
    ("The UN report said 40 people died.", "The UN report"),
    ("A police report said the driver was drunk.", "A police report"),
    # after a plural subject, a pronoun or an adverb it is the verb
    ("Witnesses report hearing shots.", "Witnesses"),
    ("They claim the vote was rigged.", "They"),
    ("Police now believe the fire was started deliberately.", "Police"),
    ("Hospitals are full, doctors warn.", "doctors"),
])
def test_a_plain_form_after_a_singular_word_is_a_noun(sentence, source):
    assert find_attribution(sentence)[0] == source


@pytest.mark.parametrize("sentence, source", [
    # a capitalised word is part of a name, not an adverb before the verb
    ("USA Today reported that the senator had resigned.", "USA Today"),
    ("The storm hit the coast, USA Today reported.", "USA Today"),
    ("The company today said it would pay.", "The company"),
])
def test_a_name_ending_in_an_adverb_keeps_it(sentence, source):
    assert find_attribution(sentence)[0] == source


@pytest.mark.parametrize("text, negated, hedges", [
    # a parenthetical source ends at its verb
    ("The plant, officials said, had not been inspected.", True, ()),
    ("The fire, officials said, may have been started deliberately.", False, ("may",)),
])
def test_what_follows_a_parenthetical_source_keeps_its_negation_and_hedges(text, negated, hedges):
    (claim,) = segment(Article(text=text, outlet="a", id="a"))
    assert claim.attributed_to == "officials"
    assert (claim.negated, tuple(h.text for h in claim.hedges)) == (negated, hedges)


@pytest.mark.parametrize("text, negated, hedges", [
    ("No homes were evacuated, and officials said the fire was out.", True, ()),
    ("The plant may close, and officials said 40 jobs would go.", False, ("may",)),
])
def test_a_clause_before_the_source_keeps_its_negation_and_hedges(text, negated, hedges):
    first = segment(Article(text=text, outlet="a", id="a"))[0]
    assert (first.negated, tuple(h.text for h in first.hedges)) == (negated, hedges)


@pytest.mark.parametrize("text, value, unit, head", [
    ("The government's 50m-crown aid package", 50e6, "", "crown"),
    ("a 2bn-euro deal", 2e9, "€", ""),
    ("the 100m race", 100, "m", ""),
    # the currencies _CURRENCY knows are units, as "£5m" and "5 million pounds" are
    ("a 5m-pound fine", 5e6, "£", ""),
    ("a 5m-pounds fine", 5e6, "£", ""),
    ("a 2bn-dollar deal", 2e9, "$", ""),
])
def test_scaled_figures_with_a_hyphenated_currency(text, value, unit, head):
    q = find_quantities(text)[0]
    assert (q.value, q.unit, q.head) == (value, unit, head)


def test_a_digit_before_a_letter_outside_ascii_and_the_kelvin_sign():
    assert find_quantities("5é and 2º, then 12ñ") == []  # read as compounds, as "5G" is
    assert seg._fold("\u212aelvin") == "kelvin"
    assert segment(Article(text="Temperatures hit 5é. Officials said 40 people fled.", outlet="A"))


def test_months_named_alone():
    published = dt.date(2025, 11, 6)
    found = {t.text: t.value for t in find_times("It opened last June and will close in December.", published=published)}
    assert found == {"June": "2025-06", "December": "2025-12"}
    assert [t.value for t in find_times("It reopens next March.", published=published)] == ["2026-03"]
    assert [t.value for t in find_times("since mid-October", published=published)] == ["2025-10"]
    assert [t.value for t in find_times("in December")] == ["--12"]  # no publication date: month only
    # at the start of a sentence the cue is capitalised too
    assert [t.value for t in find_times("In December, the plant closed.", published=published)] == ["2025-12"]
    assert [t.value for t in find_times("By March the fund was empty.", published=published)] == ["2025-03"]
    # verbs, a name and a month with a day or a year are not months named alone
    assert find_times("Prices may march on.", published=published) == []
    assert find_times("the March on Rome", published=published) == []
    assert [(t.kind, t.value) for t in find_times("on March 5", published=published)] == [("date", "2025-03-05")]
    assert [(t.kind, t.value) for t in find_times("in March 2024", published=published)] == [("month", "2024-03")]


def test_measures_hyphenated_onto_figures():
    found = lambda text: [(q.value, q.unit, q.head) for q in find_quantities(text)]
    assert found("a 48-hour stoppage") == [(48.0, "h", "")]
    assert found("a three-week closure") == [(3.0, "wk", "")]
    assert found("an 11-mile detour") == [(11.0, "mi", "")]
    assert found("a 58-year-old guard") == [(58.0, "", "")]  # an age, not a duration
    assert found("the 5-year-olds") == [(5.0, "", "")]
    assert found("the AC-55 fryer") == []


def test_temperatures():
    found = lambda text: [(q.value, q.unit) for q in find_quantities(text)]
    assert found("The airfield reached 41.3C on Tuesday.") == [(41.3, "°C")]
    assert found("a record-breaking 106F") == [(106.0, "°F")]
    assert found("it was 41.3°C") == [(41.3, "°C")]
    assert found("40 degrees Celsius") == [(40.0, "°C")]
    assert found("Take Route 5C north.") == []  # a label, not a temperature


def test_temperatures_below_zero():
    found = lambda text: [(q.value, q.unit) for q in find_quantities(text)]
    assert found("Overnight lows of -5C were recorded.") == [(-5.0, "°C")]
    assert found("Overnight lows of \u22125\u00b0C were recorded.") == [(-5.0, "°C")]
    assert found("highs of 10-15C") == [(10.0, "°C"), (15.0, "°C")]  # a range, not minus 15


def test_temperature_labels_are_read_in_linear_time():
    import time

    # the word before each figure is looked at, not the whole text before it
    text = "Readings: " + " ".join("Zone 5C" if k % 2 else "5C" for k in range(20_000))
    began = time.perf_counter()
    assert len(find_quantities(text)) == 10_000
    assert time.perf_counter() - began < 5


def test_weekdays_follow_the_tense():
    monday = dt.date(2025, 11, 10)
    value = lambda text: [t.value for t in find_times(text, published=monday) if t.kind == "date"]
    assert value("The road was closed on Tuesday evening.") == ["2025-11-04"]  # past verb: behind
    assert value("The road will reopen on Tuesday.") == ["2025-11-11"]  # future: ahead
    assert value("Talks are due to restart on Thursday.") == ["2025-11-13"]
    assert value("on Sunday") == ["2025-11-09"]  # no cue: the most recent one within four days
    assert value("Talks resume on Tuesday.") == ["2025-11-11"]  # no cue, six days back: ahead
    # the tense nearest the weekday decides; "next to" is a place
    assert value("The club said it will appeal the ban it received on Saturday.") == ["2025-11-08"]
    assert value("The plant, which will reopen in spring, was shut on Friday.") == ["2025-11-07"]
    assert value("The union, which called the strike, will meet on Friday.") == ["2025-11-14"]
    assert value("Talks are scheduled to resume on Friday.") == ["2025-11-14"]
    assert value("A fire broke out next to the station on Sunday.") == ["2025-11-09"]
    assert value("The talks will resume next Monday.") == ["2025-11-17"]  # not the day of publication
    assert value("The plant was closed last Monday.") == ["2025-11-03"]


@pytest.mark.parametrize("text, expected", [
    ("Nearly 40 homes were destroyed near Selmdale.", ["Selmdale"]),
    ("Officers stopped the march. Police Chief Anna Berg said so.", ["Police Chief Anna Berg"]),
    ("Red Cross workers arrived.", ["Red Cross"]),
    ('"Masked men" attacked. Iraqi Prime Minister Mustafa al-Kadhemi was unhurt.',
     ["Iraqi Prime Minister Mustafa al-Kadhemi"]),
    ("BAGHDAD (Reuters) - Fire crews traced it to Orlen Gully.", ["BAGHDAD", "Reuters", "Orlen Gully"]),
    ("They said Police and Nearly were there.", ["Police and Nearly"]),  # not first in the sentence
])
def test_a_capitalised_ordinary_word_opening_a_sentence_is_no_name(text, expected):
    found = find_names(text)
    assert [s.text for s in found] == expected
    assert all(text[s.start:s.end] == s.text for s in found)


@pytest.mark.parametrize("text, value, head", [
    ("Half a million homes were left without power.", 500_000, "home"),
    ("A quarter of a million people marched.", 250_000, "people"),
    ("More than a thousand ballots were found.", 1_000, "ballot"),
    ("Three-quarters of a million people marched.", 750_000, "people"),
    ("Three quarters of a million people marched.", 750_000, "people"),
    ("Half of a million homes were left without power.", 500_000, "home"),
    ("A third of a million homes were left without power.", 1_000_000 / 3, "home"),
    ("Two-thirds of a billion dollars was lost.", 2_000_000_000 / 3, ""),
])
def test_a_fraction_or_an_article_before_a_scale_word_is_a_figure(text, value, head):
    (q,) = find_quantities(text)
    assert (q.value, q.head) == (value, head) and text[q.start:q.end] == q.text


def test_half_without_a_scale_word_is_a_share_not_a_count():
    assert [(q.value, q.unit) for q in find_quantities("Half the homes lost power for a day.")] == [(50.0, "%")]


@pytest.mark.parametrize("text, head", [
    ("for the two Greyscar miners who died", "miner"),
    ("the 12 Reuters journalists", "journalist"),
    ("the 3 Musketeers", "musketeer"),
])
def test_a_name_before_the_counted_noun_is_not_what_is_counted(text, head):
    assert find_quantities(text)[0].head == head


@pytest.mark.parametrize("text, figure, value, unit", [
    ("Marchbank won by a margin of 0.13 percentage points.", "0.13 percentage points", 0.13, "pp"),
    ("The bank raised its rate by 75 basis points.", "75 basis points", 75, "bp"),
    ("Yields rose 50bp on the day.", "50bp", 50, "bp"),
    ("The bank announced a 25-basis-point cut.", "25", 25, "bp"),
    ("Support fell by a 2-percentage-point margin.", "2", 2, "pp"),
    ("Turnout was 47.9 percent.", "47.9 percent", 47.9, "%"),
    ("The bank added a full percentage point to interest rates.", "a full percentage point", 1.0, "pp"),
    ("A rise of three-quarters of a percentage point.", "three-quarters of a percentage point", 0.75, "pp"),
    ("The rate rose by half a point.", "half a point", 0.5, "pp"),
])
def test_percentage_and_basis_points(text, figure, value, unit):
    # (not "at one point", nor "half a point" away from any rate)
    assert find_quantities("At one point the crowd surged.") == find_quantities("She won by half a point.") == []
    (q,) = find_quantities(text)
    assert (q.text, q.value, q.unit) == (figure, value, unit)


@pytest.mark.parametrize("text, head", [
    ("more than a thousand forgotten votes were found", "vote"),
    ("three missing climbers were found", "climber"),
    ("five stolen paintings", "painting"),
    ("three building sites closed", "site"),
    ("The 3 remaining workers left", "worker"),
    # with no noun after it, the participle is what is counted
    ("Two missing in the storm", "missing"),
    ("14 injured were taken to hospital", "injured"),
])
def test_a_participle_before_the_counted_noun_is_not_what_is_counted(text, head):
    assert find_quantities(text)[0].head == head


@pytest.mark.parametrize("text, head", [
    # a noun before a plural noun of people qualifies it
    ("Eight bank workers were held at gunpoint.", "worker"),
    ("two police officers were hurt", "officer"),
    # people counted as "members of" a group of people are that group
    ("six members of staff were held", "staff"),
    ("twelve members of the staff were questioned", "staff"),
    # ... but not other groups, and other plural nouns keep their qualifier
    ("three members of the union resigned", "member"),
    ("about 2,312 job cuts across the group", "job"),
    ("an estimated 120,000 cubic metres of rock", "cubic"),
    ("it was 1 bank workers union", "bank"),  # one: no plural expected
])
def test_the_noun_a_figure_counts(text, head):
    assert find_quantities(text)[0].head == head


@pytest.mark.parametrize("text, value", [
    ("Three dozen volunteers took part.", 36), ("two dozen homes", 24), ("a dozen officers", 12),
])
def test_dozens_multiply(text, value):
    assert find_quantities(text)[0].value == value


@pytest.mark.parametrize("text, values", [
    ("The school has 140 Year 11 pupils.", [140]),
    ("Traffic on Route 17 was diverted.", []),
    ("About 40 homes burned.", [40]),            # a capitalised word opening the sentence
    ("The Fatah alliance won 17 seats.", [17]),
])
def test_a_number_after_a_capitalised_label_is_no_count(text, values):
    assert [q.value for q in find_quantities(text)] == values


def test_a_possessive_weekday_names_an_event_already_held():
    tuesday = dt.date(2026, 3, 17)
    values = [t.value for t in find_times("She will be mayor after Sunday's election.", published=tuesday)]
    assert values == ["2026-03-15"]
    assert [t.value for t in find_times("The vote will be held on Sunday.", published=tuesday)] == ["2026-03-22"]


@pytest.mark.parametrize("text", [
    # a future verb that looks back at what happened governs a past event
    "Police will investigate Saturday's crash.",
    "The court will review Saturday's decision.",
    "Lawyers said they will appeal Saturday's ruling.",
    "The board will discuss Saturday's incident.",
])
def test_a_possessive_weekday_looked_back_on_by_a_future_verb_is_past(text):
    tuesday = dt.date(2026, 3, 17)
    assert [t.value for t in find_times(text, published=tuesday)] == ["2026-03-14"]


@pytest.mark.parametrize("text", [
    "Voters go to the polls ahead of Sunday's election.",
    "Candidates made a last push in the run-up to Sunday's election.",
    "Turnout is expected to be low in the upcoming Sunday's vote.",
    # the event is what a future verb governs
    "Hart will win Sunday's election, the polls suggest.",
    "Hart is expected to win Sunday's vote.",
])
def test_a_possessive_weekday_after_ahead_of_is_still_to_come(text):
    tuesday = dt.date(2026, 3, 17)
    assert [t.value for t in find_times(text, published=tuesday)] == ["2026-03-22"]


@pytest.mark.parametrize("text, expected", [
    ("Calloway won more than half the vote.", [(50.0, "%", "lower")]),
    ("Fewer than half of the voters took part.", [(50.0, "%", "upper")]),
    ("The group bought three-quarters of the club.", [(75.0, "%", "")]),
    ("Shares fell by almost a quarter.", [(25.0, "%", "")]),
    ("It ended in the second half of the match.", []),
    ("Half an hour later the roof fell.", []),
    # the first part of a compound word
    ("The road was cleared by half-time.", []),
    ("Crews were about half-way through the search.", []),
])
def test_a_fraction_of_a_whole_is_a_share(text, expected):
    assert [(q.value, q.unit, q.bound) for q in find_quantities(text)] == expected


@pytest.mark.parametrize("text, heads", [
    ("The quake struck at dawn, killing six and injuring 142, officials said.", ["people", "people"]),
    ("It left 40,000 without power.", [""]),
])
def test_a_bare_figure_after_a_casualty_verb_counts_people(text, heads):
    assert [q.head for q in find_quantities(text)] == heads


@pytest.mark.parametrize("text, expected", [
    ("Schools will stay closed on Monday.", "2026-03-23"),
    ("The trial will proceed on Monday.", "2026-03-23"),
    ("He will appeal the ban he received on Saturday.", "2026-03-14"),
])
def test_a_state_or_a_word_in_eed_is_no_past_cue_for_a_weekday(text, expected):
    tuesday = dt.date(2026, 3, 17)
    assert [t.value for t in find_times(text, published=tuesday)] == [expected]


def test_one_in_a_million_is_no_figure_of_a_million():
    assert all(q.value != 1_000_000 for q in find_quantities("It was a one in a million chance."))
def test_sentences_read_once_give_the_claims_of_segment():
    # compare() shares one cache of read sentences among an event's reports: a sentence
    # found again, elsewhere in another report (other dateline, other neighbours, other
    # date of publication), must give what segment() gives it there
    from coverage.segment import _segment

    wire = ("BAGHDAD (Reuters) - Three drones hit the residence on Sunday, officials said. "
            "\"We will not be cowed,\" he said. It was not clear who launched them. "
            "UPDATE: The number of injured rose to 7, police said, while the army was deployed.")
    copies = [
        Article(text=wire, outlet="A", id="a", published="2021-11-07"),
        Article(text="An earlier paragraph of its own. " + wire, outlet="B", id="b", published="2021-11-07"),
        Article(text="It was not clear who launched them. Officials said it was a plot. " + wire[:200],
                outlet="C", id="c", published="2021-11-09"),
        Article(text=wire.replace("Sunday", "Monday") + " He said it was a plot.", outlet="D", id="d"),
    ]
    for split_clauses in (True, False):
        sentences: dict = {}
        for article in copies:
            cached = _segment(article, split_clauses=split_clauses, sentences=sentences)
            assert cached == segment(article, split_clauses=split_clauses)
            assert all(article.text[c.start:c.end] == c.text for c in cached)
            for claim in cached:
                for span in (*claim.numbers, *claim.dates, *claim.names, *claim.hedges):
                    assert article.text[span.start:span.end].startswith(span.text.strip()[:1])
        assert len(sentences) < sum(len(segment(a)) for a in copies)  # sentences were found again


@pytest.mark.parametrize("text, head, unit", [
    ("Marchbank claimed a wafer-thin 319-vote win.", "vote", ""),
    ("A 12-member jury heard the case.", "member", ""),
    ("A 48-hour strike began.", "", "h"),  # a measure, not a count
    ("A 58-year-old guard was hurt.", "", ""),  # an age
    ("The 40-strong crew was rescued.", "", ""),
])
def test_a_noun_hyphenated_onto_a_figure_is_what_it_counts(text, head, unit):
    (q,) = find_quantities(text)
    assert (q.head, q.unit) == (head, unit)


@pytest.mark.parametrize("text, value", [
    ("About two and a half million people live there.", 2_500_000),
    ("One and a half million homes lost power.", 1_500_000),
    ("The strike lasted 2 and a half hours.", 2.5),
])
def test_and_a_half(text, value):
    (q,) = find_quantities(text)
    assert q.value == value


def test_list_items_are_claims_and_page_furniture_is_not():
    text = ("Key facts:\n- Officials said 3 people died\n* Police arrested two men\n\n"
            "Updated 5:30 p.m. ET\nAdvertisement\nPublished 7 November 2021\n"
            "UPDATE: Police have now confirmed six deaths.\n\n"
            "Update, 19 March, 14:10: Velin says data has now been restored.")
    claims = segment(Article(text=text, outlet="x"))
    assert [c.text for c in claims] == ["Officials said 3 people died", "Police arrested two men",
                                        "Police have now confirmed six deaths.",
                                        "Velin says data has now been restored."]
    assert [c.update for c in claims] == [False, False, True, True]
    for c in claims:
        assert text[c.start:c.end] == c.text


def test_a_long_line_after_a_page_time_stamp_word_is_read_in_linear_time():
    import time

    # "Posted 3 hours ago" and a long link, then more words: each word is one word
    text = "Posted 3 hours ago https://example.com/" + "a" * 300 + " and" * 8
    began = time.perf_counter()
    claims = segment(Article(text=text, outlet="x"))
    assert time.perf_counter() - began < 1
    assert claims and all(text[c.start:c.end] == c.text for c in claims)


@pytest.mark.parametrize("sentence, source", [
    ('"We are shocked," said Mr. Smith.', "Mr. Smith"),
    ('"It is over," said J. R. Hale, the mayor.', "J. R. Hale"),
])
def test_an_inverted_source_keeps_the_stop_of_a_title_or_initial(sentence, source):
    assert find_attribution(sentence)[0] == source


@pytest.mark.parametrize("sentence, source", [
    # a parenthetical source, the sentence's own verb after it
    ("The plant, officials said, had been inspected in May.", "officials"),
    # a relative clause of a group before the verb
    ("Residents, many of whom fled in their nightclothes, said the alarm never sounded.", "Residents"),
])
def test_parenthetical_sources_and_relative_clauses_of_a_group(sentence, source):
    assert find_attribution(sentence)[0] == source


def test_the_month_may_is_no_hedge():
    (claim,) = segment(Article(text="The plant had been inspected in May.", outlet="x"))
    assert not claim.hedged
    (claim,) = segment(Article(text="The plant may have been inspected.", outlet="x"))
    assert claim.hedged


@pytest.mark.parametrize("text, expected", [
    # the ends of a range are bounds of one count
    ("Between 30 and 40 people were hurt.", [(30, "people", "lower"), (40, "people", "upper")]),
    ("30 to 40 people were hurt.", [(30, "people", "lower"), (40, "people", "upper")]),
    # a change is no range, nor are two counts joined by "and"
    ("The toll rose from 30 to 40.", [(30, "", ""), (40, "", "")]),
    ("Police arrested 3 and charged 5.", [(3, "", ""), (5, "", "")]),
    # nor is a tally of votes or a score
    ("The jury voted 5 to 7.", [(5, "", ""), (7, "", "")]),
    ("Chelsea lost 1-2 to Arsenal.", [(1, "", ""), (2, "", "")]),
    # the lower end takes the scale written once, after the upper end
    ("Between 2 and 3 million people fled.", [(2e6, "people", "lower"), (3e6, "people", "upper")]),
    ("2-3m people fled.", [(2e6, "people", "lower"), (3e6, "people", "upper")]),
    ("Between 200 and 3 million people fled.", [(200, "people", "lower"), (3e6, "people", "upper")]),
])
def test_ranges(text, expected):
    assert [(q.value, q.head, q.bound) for q in find_quantities(text)] == expected


@pytest.mark.parametrize("text, value, head, unit", [
    ("Some 1.5m people live there.", 1_500_000, "people", ""),
    ("About 2m homes lost power.", 2_000_000, "home", ""),
    ("About 20k fans came.", 20_000, "fan", ""),
    ("A 30m wall fell.", 30, "", "m"),
    ("The wave was 5m high.", 5, "", "m"),
])
def test_m_and_k_after_a_figure(text, value, head, unit):
    (q,) = find_quantities(text)
    assert (q.value, q.head, q.unit) == (value, head, unit)


@pytest.mark.parametrize("text, expected", [
    ("One in five voters stayed home.", [(20.0, "%")]),
    ("Six in 10 said yes.", [(60.0, "%")]),
    ("Three out of four staff agreed.", [(75.0, "%")]),
    ("He scored 2 in 90 minutes.", [(2.0, ""), (90.0, "min")]),
    # the whole of a large or separated denominator
    ("The condition affects one in 3,000 births.", [(0.03, "%")]),
    ("One in 10,000 cases is fatal.", [(0.01, "%")]),
])
def test_one_in_five_is_a_share(text, expected):
    assert [(round(q.value, 2), q.unit) for q in find_quantities(text)] == expected


@pytest.mark.parametrize("text, hedged", [
    ("The suspect fled to Spain.", False),
    ("Police arrested two suspects.", False),
    ("Suspects were held overnight.", False),
    ("Police suspect arson.", True),
    ("The suspected gunman fled.", True),
    # the noun after any word but a subject; the verb after a plural subject or a pronoun
    ("Police arrested a 20-year-old suspect.", False),
    ("Police arrested another suspect.", False),
    ("Police released both suspects.", False),
    ("Officers detained suspects in three cities.", False),
    ("Investigators now suspect the fire was arson.", True),
    ("They suspect arson.", True),
])
def test_suspect_the_noun_and_the_hedge(text, hedged):
    (claim,) = segment(Article(text=text, outlet="x"))
    assert claim.hedged is hedged


def test_a_share_inside_a_skipped_span_is_dropped():
    text = "More than half the vote went to Hart."
    assert [q.value for q in find_quantities(text)] == [50.0]
    assert find_quantities(text, skip=[(10, 14)]) == []


@pytest.mark.parametrize("text, values", [
    ("One million people live there.", [1_000_000]),
    ("About one million homes lost power.", [1_000_000]),
    ("One of the officials spoke.", []),  # a pronoun, not a count
])
def test_one_million_is_a_figure(text, values):
    assert [q.value for q in find_quantities(text)] == values


@pytest.mark.parametrize("sentence, source", [
    ("The reports said the plant was unsafe.", "The reports"),
    ("Police reports said 14 were hurt.", "Police reports"),
    ("The claims were rejected by the court.", None),
    ("Kestrel reports that 14 people were hurt.", "Kestrel"),
    ("The company claims the fryer is safe.", "The company"),
])
def test_speech_verbs_that_are_also_plural_nouns(sentence, source):
    assert find_attribution(sentence)[0] == source


def test_a_quote_after_a_clock_time_starts_a_sentence():
    text = 'The fire started at 5 a.m. "We ran for our lives," she said.'
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "The fire started at 5 a.m.", '"We ran for our lives," she said.']


@pytest.mark.parametrize("text, expected", [
    # a unit written once, after the upper end, is both ends'
    ("It cost 20-30% more.", [(20, "%", "lower"), (30, "%", "upper")]),
    ("It took 12 to 15 minutes.", [(12, "min", "lower"), (15, "min", "upper")]),
    ("between 2 and 3 billion dollars", [(2e9, "$", "lower"), (3e9, "$", "upper")]),
])
def test_ranges_with_one_unit(text, expected):
    assert [(q.value, q.unit, q.bound) for q in find_quantities(text)] == expected


@pytest.mark.parametrize("text", ["Counting starts on Friday 17 October.", "Counting starts on Friday, 17 October.",
                                  "Counting starts on Friday October 17."])
def test_a_weekday_beside_a_date_is_that_date(text):
    # published on a Wednesday: "Friday" alone would be the Friday before
    refs = find_times(text, published=dt.date(2025, 10, 15))
    assert [(r.kind, r.value) for r in refs] == [("date", "2025-10-17")]


@pytest.mark.parametrize("text, time", [("The ultimatum expires on Friday midnight.", "midnight"),
                                        ("The hearing resumes on Friday 10:30 GMT.", "10:30 GMT")])
def test_a_weekday_beside_a_time_is_still_a_day(text, time):
    refs = find_times(text, published=dt.date(2025, 10, 15))
    assert sorted((r.text, r.kind) for r in refs) == sorted([("Friday", "date"), (time, "time")])


def test_a_weekday_apart_from_a_date_is_resolved_on_its_own():
    refs = find_times("It began on Friday and ends on 17 October.", published=dt.date(2025, 10, 15))
    assert sorted(r.text for r in refs) == ["17 October", "Friday"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["one", "someone", "often", "ten", "repair", "no ", "not", "in principle",
                                 "principle", "unclear", "clear", "x", " ", "?", "-"]), max_size=10).map("".join))
def test_any_of_finds_a_word_exactly_when_one_occurs(text):
    from coverage._lexicon import STRONG_HEDGE_STARTS

    for words in (seg._NUMBER_WORD_STARTS, STRONG_HEDGE_STARTS, ("no ", "in principle", "a")):
        assert (seg._any_of(words).search(text) is not None) == any(word in text for word in words)


def test_many_times_in_one_text_are_each_found_once():
    # each new time is tested against the earlier ones by bisection (see segment._Spans),
    # not against all of them: the same spans as one at a time
    text = "The shelters opened at 1.10 and 14:05 on 7 November 2021. " * 300
    refs = find_times(text, published=dt.date(2021, 11, 8))
    assert len(refs) == 300 * 3
    one = find_times(text[:58], published=dt.date(2021, 11, 8))
    assert [(r.kind, r.value) for r in refs[:3]] == [(r.kind, r.value) for r in one]
    assert [r.start for r in refs[3:6]] == [r.start + 58 for r in one]


@pytest.mark.parametrize("text, minutes", [
    # a clock time without a.m. or p.m. before a later part of the day is p.m.
    ("The tornado hit at 11.40 on Tuesday night.", 23 * 60 + 40),
    ("The blast came at 8:15 in the evening.", 20 * 60 + 15),
    ("They left at 9:15 tonight.", 21 * 60 + 15),
    ("The fire broke out at 10.30 last night.", 22 * 60 + 30),
    ("Talks resume at 7:45 this evening.", 19 * 60 + 45),
    # ... not before a morning, nor on the 24-hour clock
    ("The shop opened at 10:00 in the morning.", 10 * 60),
    ("The train left at 14:10 on Tuesday night.", 14 * 60 + 10),
    ("The talks began at 11.40 on Tuesday.", 11 * 60 + 40),
    # ... nor the small hours of a night
    ("The fire broke out at 2.30 on Saturday night.", 2 * 60 + 30),
])
def test_a_later_part_of_the_day_makes_a_clock_time_pm(text, minutes):
    (clock,) = [t for t in find_times(text) if t.kind == "time"]
    assert int(clock.value) == minutes


@pytest.mark.parametrize("text, update", [
    ("Rescuers found two more bodies, bringing the death toll to five.", True),
    ("The win took them top, taking the number of points they have to 41.", True),
    # "the number 38" names a bus or a route, not a count brought to a new figure
    ("Two people were hurt when the bus, taking the number 38 route to the depot, crashed.", False),
    ("She was taking the number 12 bus to work when it crashed.", False),
])
def test_a_route_number_taken_to_a_place_is_no_update(text, update):
    (c,) = segment(Article(text=text, outlet="x"), split_clauses=False)
    assert c.update is update
