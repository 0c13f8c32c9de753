import importlib
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from coverage import Article
from coverage._lexicon import NOT_RULED_OUT
from coverage.judge import judge_pair, occurrence_dated, same_source
from coverage.segment import _segment, segment
from coverage.types import ContradictionType, Label


def claim(text, published="2021-11-08", article="x"):
    return segment(Article(text=text, outlet=article, id=article, published=published))[0]


def verdict(a, b, similarity=0.95):
    v = judge_pair(claim(a, article="a"), claim(b, article="b"), similarity=similarity)
    return v.label.value, v.type.value if v.type else None


@pytest.mark.parametrize("a, b, expected", [
    ("Fourteen workers were taken to hospital.", "Nineteen workers were taken to hospital.", ("contradict", "numeric")),
    ("Fourteen workers were taken to hospital.", "14 workers were taken to hospital.", ("agree", None)),
    ("About 60 firefighters attended.", "58 firefighters attended.", ("agree", None)),
    ("More than 50 firefighters attended.", "58 firefighters attended.", ("agree", None)),
    ("The recall could cost up to $40 million.", "The recall could cost as much as 40 million dollars.", ("agree", None)),
    ("Kestrel said it had 37 reports of overheating.",
     "Kestrel said the number of overheating reports had risen to 44.", ("agree", None)),
])
def test_numbers(a, b, expected):
    assert verdict(a, b) == expected


@pytest.mark.parametrize("a, b, expected", [
    # the other claim states the figure too, beside figures of other things
    ("The carmaker will cut about 2,300 jobs.",
     "All 640 jobs at the plant will go, part of 2,312 job cuts across the group.", ("agree", None)),
    ("Supporters had signed 9,000 letters by Sunday.",
     "Supporters had signed 14,000 letters by Tuesday, up from about 9,000 at the weekend.", ("agree", None)),
    ("Pilots went on strike, forcing the airline to cancel 186 of the 240 flights it had scheduled.",
     "Roughly 190 flights were cancelled by the strike.", ("agree", None)),
    # ... but a small count (it may count another group), or one just as far off, settles nothing
    ("Three miners were killed in the collapse.",
     "Two miners were killed and three were injured in the collapse.", ("contradict", "numeric")),
    ("The box held 1,046 ballots.", "Close to 900 ballots sat uncounted in the box.", ("contradict", "numeric")),
    # ... nor one counted on top of another group ("3,000 more", "another 3,000")
    ("The fire destroyed 3,000 homes.", "The fire destroyed 1,200 homes and damaged 3,000 more.",
     ("contradict", "numeric")),
    ("The fire destroyed 3,000 homes.", "The fire destroyed 1,200 homes and damaged another 3,000.",
     ("contradict", "numeric")),
])
def test_a_figure_the_other_claim_states_alike_settles_it(a, b, expected):
    assert verdict(a, b) == expected
    assert verdict(b, a) == expected


def test_attributed_opposing_sides_do_not_contradict():
    a = "The company said the smoke posed no risk to health."
    b = "Campaigners from Clean Air Ostervale said the smoke posed a serious risk to health."
    assert verdict(a, b) == ("agree", None)


def test_same_source_saying_different_things_contradicts():
    a = "Nine people suffered burns, the company said."
    b = "The company said 14 people suffered burns."
    assert verdict(a, b) == ("contradict", "numeric")


def test_negation():
    assert verdict("No homes were evacuated.", "Hundreds of homes were evacuated overnight.") == ("contradict", "negation")
    assert verdict("No one was killed.", "Nobody was killed.") == ("agree", None)


def test_negation_of_an_unrelated_word_is_not_a_conflict():
    assert verdict("Kadhemi was not hurt.", "Kadhemi appeared calm in a video.") == ("agree", None)


def test_modality():
    a = "The drones were made in Iran."
    b = "Officials said the drones may have been made in Iran."
    assert verdict(a, b) == ("contradict", "modality")


def test_an_assertion_and_a_hedge_of_one_fact_conflict_whoever_says_them():
    a = "Stennard Bank has bought the deposits and all 31 branches, the regulator said."
    b = "Stennard Bank has agreed in principle to buy the deposits and all 31 branches, two people familiar with the talks said."
    assert verdict(a, b, similarity=0.95) == ("contradict", "modality")
    # on a looser match, different sources still each report what their side said
    assert verdict(a, b, similarity=0.6) == ("agree", None)


def test_temporal():
    a = "The fire started at about 11.30 p.m. on Wednesday."
    b = "The fire started shortly after 2 a.m. on Thursday."
    assert verdict(a, b) == ("contradict", "temporal")
    assert verdict("The fire started at 2 a.m. on Thursday.",
                   "The fire started in the early hours of Thursday.") == ("agree", None)


def test_time_of_speaking_is_not_the_time_of_the_event():
    a = "Officials who spoke to reporters on Monday said the attack was planned."
    b = "Officials said on Sunday the attack was planned."
    assert verdict(a, b) == ("agree", None)


def test_entity_slot():
    a = "The blaze started in a warehouse where drums were stored."
    b = "The blaze began in the main distillation unit."
    assert verdict(a, b) == ("contradict", "entity")
    assert verdict(a, "Flames first took hold in the main distillation unit.") == ("contradict", "entity")


def test_weak_matches_only_get_numeric_and_temporal_checks():
    assert verdict("No homes were evacuated.", "Homes were evacuated.", similarity=0.2) == ("agree", None)


def test_evidence_spans_point_into_the_claims():
    a, b = claim("Fourteen workers were hurt.", article="a"), claim("Nineteen workers were hurt.", article="b")
    v = judge_pair(a, b)
    assert a.text[v.evidence_a[0] - a.start:v.evidence_a[1] - a.start] == "Fourteen"
    assert 0.0 <= v.score <= 1.0


@pytest.mark.parametrize("x, y, expected", [
    (None, None, True),
    ("the company", "Kestrel", True),
    ("Veltrac", "Campaigners from Clean Air Ostervale", False),
    ("Fire service officials", "Fire chiefs", True),
    ("militia sources", "Iraqi security officials", False),
    (None, "police", None),
    # authorities are one side, but not those of two named countries or peoples
    ("Forestry officials", "Investigators", True),
    ("Israeli police", "the Palestinian health ministry", False),
    ("Russian investigators", "Ukrainian officials", False),
])
def test_same_source(x, y, expected):
    assert same_source(x, y) is expected
    assert same_source(y, x) is expected


@pytest.mark.parametrize("a, b, expected", [
    ("The bridge was closed at 5 a.m. on Monday.", "The bridge was closed on Monday evening.", ("contradict", "temporal")),
    ("The bridge was closed at 7 p.m. on Monday.", "The bridge was closed on Monday evening.", ("agree", None)),
    ("The bridge was closed on Monday morning.", "The bridge was closed on Monday evening.", ("contradict", "temporal")),
    # a part of the day alone, with no day both name, is not enough
    ("The river burst its banks overnight.", "The river burst its banks on Sunday evening.", ("agree", None)),
])
def test_parts_of_the_day(a, b, expected):
    assert verdict(a, b) == expected


@pytest.mark.parametrize("a, b, expected", [
    ("Results are expected by Friday, the agency said.", "Results are expected on Wednesday, the agency said.", ("agree", None)),
    ("The school will stay closed until at least Thursday.", "The school was closed on Monday.", ("agree", None)),
])
def test_deadlines_and_anchors_are_not_event_times(a, b, expected):
    assert verdict(a, b) == expected


@pytest.mark.parametrize("a, b", [
    ("The payments came from Corvane Holdings, a construction company.",
     "The court heard the cash came from Tessaro Group, the waste firm."),
    ("Production will be transferred to the plant in Rellingen.", "The work is being shipped off to Sastrava."),
])
def test_entity_slots_of_origin_and_destination(a, b):
    assert verdict(a, b) == ("contradict", "entity")


def test_same_destination_in_other_words_agrees():
    assert verdict("Production will move to the plant in Sastrava.",
                   "The work is being shipped off to the Sastrava plant.") == ("agree", None)


@pytest.mark.parametrize("a, b, similarity, expected", [
    # an earlier figure is not a conflict with today's
    ("The plant employs 640 people.", "The plant once employed more than 2,000 people.", 0.95, ("agree", None)),
    # a generic counted noun on a middling match needs the figures' contexts to match
    ("Eleven people have been admitted to hospital.", "The firm employs 65 people.", 0.6, ("agree", None)),
    ("Eleven people have been admitted to hospital.", "Fifteen people have been admitted to hospital.", 0.6,
     ("contradict", "numeric")),
])
def test_figures_about_other_times_or_groups(a, b, similarity, expected):
    assert verdict(a, b, similarity=similarity) == expected


def test_the_attribution_is_not_context_for_a_date():
    a = "The plant will close at the end of March 2026, the company said."
    b = "The local MP said he would meet the company's management on Friday."
    assert verdict(a, b, similarity=0.7) == ("agree", None)


def test_part_of_a_group_is_not_its_total():
    assert verdict("Two of the workers were in a serious condition.",
                   "Fourteen workers were treated in hospital.", similarity=0.6) == ("agree", None)


def test_part_of_a_group_with_the_same_predicate_still_conflicts():
    assert verdict("Four of the fans were taken to hospital.", "Seven fans were taken to hospital.",
                   similarity=0.9) == ("contradict", "numeric")


@pytest.mark.parametrize("a, b, expected", [
    ("The crush happened at about 2.40 p.m.", "The crush happened at about 2.10 p.m.", ("contradict", "temporal")),
    ("The crush happened at about 2.40 p.m.", "The crush happened at 2.45 p.m.", ("agree", None)),
])
def test_clock_times(a, b, expected):
    assert verdict(a, b) == expected


def test_a_marked_update_is_a_distinct_fact():
    a = claim("The outbreak has grown to 38 confirmed cases.", article="a")
    b = claim("Update: the number of confirmed cases has risen to 46, the agency said.", article="b")
    v = judge_pair(a, b, similarity=0.95)
    assert v.label.value == "agree" and v.distinct


@pytest.mark.parametrize("b", [
    "Rescuers recovered two more bodies, bringing the death toll to five, and five people remain missing.",
    "Two more bodies were found, taking the total to five people dead, and five people remain missing.",
])
def test_a_toll_brought_to_a_new_figure_is_an_update(b):
    assert verdict("Four people were killed and seven people are missing.", b) == ("agree", None)


def test_opposing_sides_clashing_are_distinct_but_agreeing_sources_are_not():
    clash = judge_pair(claim("The fire was not caused by the plant, the company said.", article="a"),
                       claim("The fire was caused by the plant, campaigners said.", article="b"), similarity=0.95)
    assert clash.label.value == "agree" and clash.distinct
    same = judge_pair(claim("The fire started at the plant, the company said.", article="a"),
                      claim("The fire started at the plant, campaigners said.", article="b"), similarity=0.95)
    assert same.label.value == "agree" and not same.distinct


def test_distinct_pairs_give_no_relation():
    import coverage

    report = coverage.compare([
        {"text": "The outbreak has grown to 38 confirmed cases.", "outlet": "Wire"},
        {"text": "Update: the number of confirmed cases has risen to 46, the agency said.", "outlet": "Daily"},
    ])
    assert report.relations.empty


@pytest.mark.parametrize("a, b", [
    ("Nearly 40 cases were confirmed and two schools closed.", "The firm serves up to 3,000 school meals a day."),
    ("At least seven people were killed.", "In all, 1,480 people were moved and about 600 spent the night in shelters."),
    ("The loss was $148 million.", "The company posted a $184 million loss and cut 2,300 jobs."),
])
def test_figure_overlap_is_symmetric_and_a_bound_is_not_a_match(a, b):
    from coverage.judge import figure_overlap

    x, y = claim(a, article="a"), claim(b, article="b")
    assert figure_overlap(x, y) == figure_overlap(y, x)
    assert figure_overlap(x, y)[0] == 0


@pytest.mark.parametrize("a, b", [
    ("In the blast 40 people were hurt.", "Overall 55 individuals were injured."),
    ("So far 40 cases have been seen at the clinic.", "In all 55 cases were logged elsewhere last winter."),
])
def test_numeric_verdicts_do_not_depend_on_the_order_of_the_claims(a, b):
    for similarity in (0.3, 0.55, 0.65, 0.9):
        assert verdict(a, b, similarity) == verdict(b, a, similarity)


@pytest.mark.parametrize("a, b", [
    ("The company moved to reassure customers.", "The company moved to recall the fryers."),
    ("The problem came to light in May.", "The problem came to the attention of regulators in May."),
    ("Once the alarm sounded, 40 firefighters arrived at the plant.", "Sixty firefighters arrived at the plant."),
])
def test_idioms_are_not_slots_and_once_is_not_always_the_past(a, b):
    expected = ("contradict", "numeric") if "firefighters" in a else ("agree", None)
    assert verdict(a, b, 0.8) == expected


# The judge reads each claim's cues once (cached by claim identity); checked against the
# straightforward code that read them for every pair.

J = importlib.import_module("coverage.judge")


def _close_match_conflict_reference(a, b, similarity, score):
    def core(claim):
        text = claim.text
        if claim.attributed_to:
            text = re.sub(re.escape(claim.attributed_to), " ", text)
        return text

    def denies(claim, cue_end, other_words, needed):
        after = J._after_cue(claim, cue_end)
        return bool(after) and bool(set(after[:2]) & other_words) and J._in_scope(set(after[:5]), other_words, needed)

    def beyond_names(claim, shared):
        names = set(J._content(" ".join(span.text for span in claim.names)))
        return any(not word.isdigit() for word in shared - names)

    def scope(claim, hedge):  # what follows the cue, or, for a trailing hedge noun, what precedes it
        after = J._scope(claim, hedge[1])  # (and for a passive one before its agent, both)
        trailing = re.match(r"possibilit|unclear|unconfirmed|unknown|unverified|not (?:yet )?(?:been )?"
                            r"(?:known|clear|(?:independently )?(?:confirmed|verified|established|determined))"
                            r"|" + NOT_RULED_OUT, hedge[2], re.I)
        agent = re.match(r"\s*by\b", claim.text[hedge[1] - claim.start:], re.I)
        if not trailing or (after and not agent):
            return after
        before = claim.text[:hedge[0] - claim.start]
        clause = re.split(r"[,;:()]|\s(?:but|although|though|while|whereas|because|and then)\s", before)[-1]
        return after | frozenset(J._content(clause)[-5:])

    words_a, words_b = set(J._content(core(a))), set(J._content(core(b)))
    hedges_a = [h for h in J._strong_hedges(a)
                if J._in_scope(scope(a, h), words_b) and beyond_names(a, scope(a, h) & words_b)]
    hedges_b = [h for h in J._strong_hedges(b)
                if J._in_scope(scope(b, h), words_a) and beyond_names(b, scope(b, h) & words_a)]
    if bool(hedges_a) != bool(hedges_b) and not (J._strong_hedges(a) and J._strong_hedges(b)):
        cue = (hedges_a or hedges_b)[0]
        ev_a = (cue[0], cue[1]) if hedges_a else J._whole(a)
        ev_b = (cue[0], cue[1]) if hedges_b else J._whole(b)
        return J.Verdict(Label.CONTRADICT, ContradictionType.MODALITY, score, ev_a, ev_b,
                         f"One outlet asserts it, the other only hedges it ({cue[2]!r}).")
    all_neg_a, all_neg_b = J._negation_spans(a), J._negation_spans(b)
    needed = 1 if similarity >= J.VERY_CLOSE_NEGATION else 2
    neg_a = [n for n in all_neg_a if denies(a, n[1], words_b, needed)]
    neg_b = [n for n in all_neg_b if denies(b, n[1], words_a, needed)]
    if (neg_a and not all_neg_b) or (neg_b and not all_neg_a):
        claim, (cue_start, cue_end) = (a, neg_a[0]) if neg_a else (b, neg_b[0])
        span = (cue_start, J._negated_word_end(claim, cue_end))
        ev_a, ev_b = (span, J._whole(b)) if claim is a else (J._whole(a), span)
        return J.Verdict(Label.CONTRADICT, ContradictionType.NEGATION, score, ev_a, ev_b,
                         f"One claim denies what the other states: "
                         f"{claim.text[span[0] - claim.start:span[1] - claim.start]!r}.")
    opposite = J._antonym_conflict(a, b, score)  # read per pair already
    if opposite is not None:
        return opposite
    for key_a, prep_a, fill_a, span_a in J._slots(a):
        for key_b, prep_b, fill_b, span_b in J._slots(b):
            if key_a == key_b and prep_a == prep_b and J._different_fillers(fill_a, fill_b):
                return J.Verdict(Label.CONTRADICT, ContradictionType.ENTITY, score, span_a, span_b,
                                 f"Different {prep_a!r} for the same event: "
                                 f"{a.text[span_a[0]-a.start:span_a[1]-a.start]!r} vs "
                                 f"{b.text[span_b[0]-b.start:span_b[1]-b.start]!r}.")
    return None


_judged_sentence = st.lists(st.sampled_from(
    ["No", "no", "not", "never", "didn't", "homes", "were", "evacuated", "families", "fled", "their",
     "reportedly", "allegedly", "may have", "not yet confirmed", "the", "fire", "started", "began", "in",
     "a", "warehouse", "the distillation unit", "police (+)", "said", "officials", "came from", "the north",
     "denied", "it", "was", "hit", "workers", "could", "have not been confirmed", "by"]),
    min_size=1, max_size=16).map(" ".join).map(lambda s: s[0].upper() + s[1:] + ".")


@settings(max_examples=300, deadline=None)
@given(_judged_sentence, _judged_sentence, st.sampled_from([0.55, 0.9]))
@example("No homes were evacuated.", "Families fled their homes.", 0.9)
@example("The U.S. officials said the fire reportedly began in a warehouse.", "The fire began in a warehouse.", 0.6)
@example("Never.", "No never not yet confirmed.", 0.55)
@example("Workers fled the fire.", "Workers fled the fire have not been confirmed by officials.", 0.9)
def test_close_match_conflict_matches_reading_cues_per_pair(text_a, text_b, similarity):
    a = segment(Article(text=text_a, outlet="A", id="a"), split_clauses=False)
    b = segment(Article(text=text_b, outlet="B", id="b"), split_clauses=False)
    if not a or not b:
        return
    a, b = a[0], b[0]
    quick = J._close_match_conflict(a, b, similarity, similarity, J._judged_parts(a), J._judged_parts(b))
    assert quick == _close_match_conflict_reference(a, b, similarity, similarity)


def test_per_claim_cache_never_answers_for_another_claim():
    """Claims made and dropped in turn may reuse an id: the cache must tell them apart."""
    for k in range(300):
        text = f"Police said {k} homes were not evacuated." if k % 2 else "No homes were hit."
        claim = segment(Article(text=text, outlet="A", id=f"a{k}"))[0]
        assert J._judged_parts(claim) == J._judged_parts.__wrapped__(claim)
        assert J._core_words(claim) == J._core_words.__wrapped__(claim)
        del claim


def test_per_claim_cache_is_safe_from_several_threads():
    """compare() may run in several threads at once: a cache cleared or filled by one
    thread must never make another's look-up fail or answer for another claim."""
    import sys
    import threading

    from coverage.types import Claim

    cached = J._per_claim(lambda c: c.text)
    errors = []

    def work(t):
        claims = [Claim(claim_id=f"{t}-{k}", article_id="a", outlet="o", start=k, end=k + 1, text=f"t{t}-{k}")
                  for k in range(3000)]
        try:
            for _ in range(12):
                for c in claims:
                    if cached(c) != c.text:
                        errors.append(("wrong value", c.claim_id))
                        return
        except Exception as error:  # noqa: BLE001 - any exception is the failure
            errors.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []


def test_a_hedge_scope_ends_with_its_clause():
    # "considering an appeal but had not yet made a decision": the doubt is about the appeal
    assert verdict('His lawyer, Paul Ferrante, said they were "considering" an appeal but had not yet made a decision.',
                   "Defence lawyer Paul Ferrante said his client would appeal.") == ("contradict", "modality")


def test_a_clock_time_given_as_shortly_before_is_the_event_time():
    from coverage.judge import _event_times

    c = claim("The river broke its banks shortly before 11 p.m. on Saturday.")
    assert [t.text for t in _event_times(c) if t.kind == "time"] == ["11 p.m."]
    c = claim("The bridge will stay closed until 11 p.m. on Saturday.")
    assert [t.text for t in _event_times(c) if t.kind == "time"] == []


def test_people_count_any_group_of_people_but_them_counts_anything():
    assert verdict("Seven fans were taken to hospital.", "Four people were taken to hospital.", 0.8) == \
        ("contradict", "numeric")
    # "them" may count drones as well as people
    assert verdict("Security forces shot down two of them.", "Three demonstrators were shot dead.", 0.8) == \
        ("agree", None)


@pytest.mark.parametrize("a, b, expected", [
    # the same thing placed in two compass directions
    ("Engineers found cracks at the western end of the span.", "The cracks are near the bridge's eastern end.",
     ("contradict", "entity")),
    ("Fans were crushed at the North Stand turnstiles.", "Fans surged towards the turnstiles of the East Stand.",
     ("contradict", "entity")),
    ("The fire spread to the north-eastern wing.", "The fire spread to the south-western wing.",
     ("contradict", "entity")),
    # and by side
    ("The jet turned back when its left engine lost power.", "The plane's right engine failed after take-off.",
     ("contradict", "entity")),
    ("The striker injured his right knee in training.", "The striker hurt his left knee in training.",
     ("contradict", "entity")),
    ("She broke her left wrist and her right ankle in the fall.", "She broke her left wrist in the fall.",
     ("agree", None)),
    ("The crew left hospital on Monday.", "The crew were in the right hospital on Monday.", ("agree", None)),
    # the same direction, different things placed, or a claim naming both directions
    ("Cracks were found at the western end of the span.", "Cracks were found in the western end of the bridge.",
     ("agree", None)),
    ("Cracks were found at the western end of the span.", "Cracks were found near the east bank of the river.",
     ("agree", None)),
    ("Traffic was diverted from the north side to the south side of the square.",
     "Traffic was diverted to the south side of the square.", ("agree", None)),
    ("Police sealed off an area west of the city.", "Police sealed off an area east of the city centre.",
     ("agree", None)),
    # directions joined before the one thing they place: each of them places it
    ("Air strikes hit northern and southern Gaza overnight.", "Air strikes hit northern Gaza overnight.",
     ("agree", None)),
    ("Flooding hit the north, east and west sides of the town.", "Flooding hit the north side of the town.",
     ("agree", None)),
])
def test_compass_directions(a, b, expected):
    assert verdict(a, b) == expected


@pytest.mark.parametrize("text", [
    # "left" the verb after a pronoun's "'s" (has) or after "one": no side
    "He's left hospital and is recovering at home.",
    "Two of the injured remain in hospital and one left hospital on Friday.",
    "It's right outside the station.",
])
def test_left_or_right_after_a_contraction_or_one_places_nothing(text):
    assert importlib.import_module("coverage.judge")._direction_slots(claim(text)) == []


@pytest.mark.parametrize("a, b, expected", [
    # one site, two names: the name ends with the place noun or comes before it
    ("The injured climber was flown to Brantham University Hospital.",
     "The injured climber is being treated at Lessow Regional Hospital.", ("contradict", "entity")),
    ("A fire at its Hensol substation caused the outage.", "A blaze at the Dunmere substation caused the outage.",
     ("contradict", "entity")),
    ("The driver was killed when a tree fell on his van on Kell Road.",
     "The driver died when a falling tree crushed his van on Brenna Road.", ("contradict", "entity")),
    # not two sites: a claim naming both, bodies rather than sites, a name and no determiner
    ("She was taken to Lessow Regional Hospital and later moved to Brantham University Hospital.",
     "She is being treated at Brantham University Hospital.", ("agree", None)),
    ("Vennor Bank said it would raise its mortgage rate by 0.75 points.",
     "Harcourt Bank said it would raise its mortgage rate by 0.75 points.", ("agree", None)),
    ("About 160mm of rain fell at Tavish, the Met Office said.",
     "About 160mm of rain fell at Tavish, according to the Meteorological Office.", ("agree", None)),
    ("Engineers from Marrick substation crews restored power on Tuesday.",
     "Engineers from Dunmere substation crews restored power on Tuesday.", ("agree", None)),
])
def test_named_sites(a, b, expected):
    assert verdict(a, b) == expected


@pytest.mark.parametrize("a, b, sites", [
    ("A fire broke out at the Harlow factory.", "A fire broke out at the Denby factory.", "factories"),
    ("The funeral was held at the Holmfirth church.", "The funeral was held at the Meltham church.", "churches"),
    ("The injured climber was flown to Brantham University Hospital.",
     "The injured climber is being treated at Lessow Regional Hospital.", "hospitals"),
])
def test_the_explanation_of_two_named_sites_names_them_in_the_plural(a, b, sites):
    v = judge_pair(claim(a, article="a"), claim(b, article="b"), similarity=0.95)
    assert v.explanation.startswith(f"Different {sites}: ")


def test_compass_directions_need_a_close_match():
    a, b = "Cracks were found at the western end.", "A cafe opened at the eastern end."
    assert verdict(a, b, similarity=0.3) == ("agree", None)


@pytest.mark.parametrize("a, b, expected", [
    # a month named alone takes the publication year; only its month is compared with a written year
    ("The plant will close in December, the company said.",
     "The plant will close at the end of March 2022, the company said.", ("contradict", "temporal")),
    ("The plant will close in March, the company said.",
     "The plant will close at the end of March 2022, the company said.", ("agree", None)),
    ("The plant will close in December, the company said.", "The plant will close in 2022, the company said.",
     ("agree", None)),
    ("The plant will close in December.", "The plant will close by the end of December.", ("agree", None)),
])
def test_months_named_alone(a, b, expected):
    assert verdict(a, b) == expected


@pytest.mark.parametrize("a, b, expected", [
    # the same verb slot with different fillers conflicts even on a loose match
    ("The money came from Corvane Holdings, prosecutors said.", "The court heard the cash came from Tessaro Group.",
     ("contradict", "entity")),
    ("The company said the blaze started in a warehouse.", "Residents said the blaze began in the main distillation unit.",
     ("agree", None)),  # different sources: each outlet reports what its side said
    ("The blaze started in a warehouse.", "The blaze began in the main distillation unit.",
     ("contradict", "entity")),
    # a time in the slot says when, not where: times are compared apart
    ("The fire started at a solvent recycling plant.", "The fire started at about 11.30 p.m.", ("agree", None)),
    ("The fire started in the early hours of Thursday.", "The fire started in a storage building.",
     ("agree", None)),
])
def test_verb_slots_on_a_loose_match(a, b, expected):
    assert verdict(a, b, similarity=0.2) == expected


@pytest.mark.parametrize("a, b, expected", [
    # a figure that moves from day to day: two facts, not a conflict
    ("The fire was 10 percent contained on Monday.", "The fire was 25 percent contained as of Tuesday morning.",
     ("agree", None)),
    ("The attack on Sunday killed 12 people.", "The attack on Sunday killed 15 people.", ("contradict", "numeric")),
    # a dated occurrence is one event: its figures still conflict
    ("The blast that happened on Sunday killed 12 people.", "The blast that happened on Saturday killed 15 people.",
     ("contradict", "numeric")),
])
def test_figures_of_different_days(a, b, expected):
    assert verdict(a, b) == expected


def test_figures_of_different_days_are_distinct_facts():
    v = judge_pair(claim("The fire was 10 percent contained on Monday.", article="a"),
                   claim("The fire was 25 percent contained as of Tuesday morning.", article="b"), similarity=0.95)
    assert v.distinct and "different days" in v.explanation


@pytest.mark.parametrize("a, b, expected", [
    # "on suspicion of" states an arrest, it does not hedge it
    ("Police arrested a man on suspicion of arson.", "Police arrested a man in connection with the arson.",
     ("agree", None)),
    ("Police suspect arson.", "Police said the fire was arson.", ("contradict", "modality")),
    # a hedge whose scope shares only names and figures with the other claim doubts something else
    ("Route 14 between Sarnett and Upper Selm was closed, officials said.",
     "The flames reportedly jumped Route 14 near Upper Selm.",
     ("agree", None)),
    ("The flames jumped Route 14 near Upper Selm.", "The flames reportedly jumped Route 14 near Upper Selm.",
     ("contradict", "modality")),
])
def test_hedge_scopes(a, b, expected):
    assert verdict(a, b) == expected


@pytest.mark.parametrize("a, b, expected", [
    # counted nouns of one meaning compare; nouns of one topic do not
    ("38 houses were destroyed.", "61 homes were destroyed.", ("contradict", "numeric")),
    ("The outage cut off almost 13 million customers.", "The outage cut off all 9.6m subscribers.",
     ("contradict", "numeric")),
    ("Some 2,340 residents were still barred from returning.", "People from three villages were barred from returning.",
     ("agree", None)),
    ("The airline ran three aircraft on Friday.", "The airline cancelled 310 flights on Friday.", ("agree", None)),
])
def test_counted_noun_synonyms(a, b, expected):
    assert verdict(a, b) == expected


@pytest.mark.parametrize("a, b, expected", [
    # when something began and when it ended are two different times
    ("The union confirmed a second strike, to begin on Friday.", "The strike, a stoppage that ended early on Sunday, was the first.",
     ("agree", None)),
    ("The strike began on Friday.", "The strike began on Sunday.", ("contradict", "temporal")),
    ("The strike ended on Friday.", "The strike ended on Sunday.", ("contradict", "temporal")),
])
def test_start_and_end_times(a, b, expected):
    assert verdict(a, b) == expected


@pytest.mark.parametrize("a, b, expected", [
    ("Police said it was too early to say whether the gang had inside help.",
     "Police said the gang had inside help.", ("contradict", "modality")),
    ("Investigators say a lightning strike is one possibility for the fire.",
     "Investigators say the fire was sparked by a lightning strike.", ("contradict", "modality")),
    ("The regulator has stopped short of a formal investigation into the outage.",
     "The regulator opened a formal investigation into the outage.", ("contradict", "negation")),
    ("The regulator has stopped short of a formal investigation into the outage.",
     "The regulator has stopped short of a formal investigation into the outage.", ("agree", None)),
])
def test_uncertainty_and_denial_phrases(a, b, expected):
    assert verdict(a, b) == expected


def test_an_update_does_not_hide_a_shared_figure():
    # the later figure is an update, and both claims state the earlier one alike: one fact shared
    a = claim("The fire had burned 12,400 acres, the forestry service said.", article="a")
    b = claim("The fire had grown to 15,800 acres, up from about 12,400 acres.", article="b")
    v = judge_pair(a, b, similarity=0.95)
    assert v.label is Label.AGREE and not v.distinct
    # without the shared figure, the update is a fact of its own
    c = claim("The fire had grown to 15,800 acres.", article="c")
    v = judge_pair(a, c, similarity=0.95)
    assert v.label is Label.AGREE and v.distinct


@pytest.mark.parametrize("a, b, expected", [
    # figures in different units of one measure are converted, within rounding
    ("The walkout was called for 48 hours.", "The walkout is due to last two days.", ("agree", None)),
    ("The walkout was called for 72 hours.", "The walkout is due to last two days.", ("contradict", "numeric")),
    ("The fire burned 12,400 acres.", "The fire blackened about 5,000 hectares.", ("agree", None)),
    ("The painting is six feet wide.", "The painting is 1.8 metres wide.", ("agree", None)),
    ("The detour is 11 miles long.", "The detour is 30 km long.", ("contradict", "numeric")),
    # lengths of different scales measure different things; months and years are periods
    ("The station 15 km upstream recorded heavy rain.", "The station recorded 200mm of heavy rain.", ("agree", None)),
    ("Profits fell in the three months to September.", "Profits fell over the previous five years.", ("agree", None)),
])
def test_unit_conversions(a, b, expected):
    assert verdict(a, b) == expected


@pytest.mark.parametrize("a, b, expected", [
    # a hedge noun closing its clause doubts what precedes it
    ("The fire was sparked by a lightning strike, officials said.", "A lightning strike is one possibility, officials said.",
     ("contradict", "modality")),
    # so does a passive one, alone or before its agent
    ("The observatory confirmed that a second fissure had opened on the northern flank.",
     "Reports that a second fissure had opened on the northern flank have not been confirmed by the observatory.",
     ("contradict", "modality")),
    ("Police confirmed that the driver had been drinking.",
     "Reports that the driver had been drinking have not been independently verified.", ("contradict", "modality")),
    # authorities are one side: officials and investigators may contradict each other
    ("Forestry officials said the fire was sparked by a lightning strike.",
     "Investigators say a lightning strike is one possibility.", ("contradict", "modality")),
    # the police and the club are two sides
    ("Police said the stewards opened the gate.", "The club said the stewards never opened the gate.",
     ("agree", None)),
])
def test_trailing_hedges_and_authorities(a, b, expected):
    assert verdict(a, b) == expected


def test_one_clock_time_each_on_a_close_match():
    a = "The flood reached the market square at around 3 a.m."
    b = "The river broke its banks shortly before 11 p.m. on Saturday."
    assert verdict(a, b, similarity=0.94) == ("contradict", "temporal")
    assert verdict(a, b, similarity=0.6) == ("agree", None)  # a looser match needs shared context


def test_one_day_each_on_a_close_match():
    a = "The regulator took control of the lender at 7.15 p.m. on Friday."
    b = "The lender was seized by the regulator in the early hours of Saturday, ending its independence."
    assert verdict(a, b, similarity=0.87) == ("contradict", "temporal")
    assert verdict(a, b, similarity=0.6) == ("agree", None)


@pytest.mark.parametrize("a, b, expected", [
    # a reported clause after the speech verb: the time is the event's
    ("The firm said it shut the plant on Monday.", "The firm shut the plant on Friday.",
     ("contradict", "temporal")),
    ("Police said they found the car on Sunday.", "The car was found on Saturday, police said.",
     ("contradict", "temporal")),
    # the time of speaking
    ("The firm said on Monday that the plant had shut.", "The firm shut the plant on Friday.",
     ("agree", None)),
    ("The firm said in a statement on Monday the plant had shut.",
     "The firm shut the plant on Friday.", ("agree", None)),
    # "that" opening a relative clause of the statement, not a reported clause
    ("The firm said in a statement that was posted on Monday the plant had shut.",
     "The firm shut the plant on Friday.", ("agree", None)),
    ("The coach told a briefing that took place on Friday the striker was injured.",
     "The striker was injured on Tuesday.", ("agree", None)),
    ("The firm said in a statement that the plant shut on Monday.", "The firm shut the plant on Friday.",
     ("contradict", "temporal")),
])
def test_a_reported_clause_keeps_the_time_of_the_event(a, b, expected):
    assert verdict(a, b, similarity=0.95) == expected


@pytest.mark.parametrize("text, expected", [
    ("The roof of the tunnel fell in shortly after 1:30 a.m. on Tuesday.", True),
    ("The train derailed late on Tuesday.", True),
    ("The ferry ran aground at 6 a.m. on Sunday.", True),
    ("The fire broke out on Monday evening.", True),
    ("Shares fell 20 percent on Tuesday.", False),  # a figure that moves, not an event's occurrence
    ("Shares sank 20 percent on Tuesday.", False),
    ("Shares fell in early trading on Tuesday.", False),
    ("The pound fell in value on Friday.", False),
    ("Inflation came down to 3.2% on Tuesday.", False),
    ("The ferry sank on Tuesday.", True),
    ("The ship sank to the bottom on Monday.", True),
    ("The plane came down in a field on Sunday.", True),
    ("The roof fell in the early hours of Tuesday.", True),
    ("Police said on Tuesday the roof fell in.", False),  # when the source spoke
])
def test_occurrence_dated(text, expected):
    assert occurrence_dated(claim(text)) is expected


def test_a_share_price_that_sank_on_two_days_gives_two_figures():
    assert verdict("Shares in the lender sank 8% on Monday.", "Shares in the lender sank 12% on Tuesday.") == (
        "agree", None)


@pytest.mark.parametrize("a, b, expected", [
    ("The rate was cut by 0.5 percentage points.", "The bank cut its rate by 50 basis points.", ("agree", None)),
    ("The rate was cut by 0.5 percentage points.", "The bank cut its rate by 25 basis points.",
     ("contradict", "numeric")),
])
def test_percentage_points_and_basis_points(a, b, expected):
    assert verdict(a, b) == expected


def test_the_digits_of_other_figures_do_not_tie_two_figures_together():
    a = "Consumer prices rose 7.4% in the year to October, up from 6.9% in September."
    b = "The bank lifted its rate from 5.5 per cent to 6.25 per cent."
    assert verdict(a, b, similarity=0.88) == ("agree", None)


def test_the_evidence_is_the_figures_whose_words_tell_the_same_thing():
    a = claim("Eleven people were taken to hospital.", article="a")
    b = claim("Two people were killed and 23 others taken to hospital after the explosion.", article="b")
    v = judge_pair(a, b, similarity=0.95)
    assert (v.label, v.type) == (Label.CONTRADICT, ContradictionType.NUMERIC)
    assert (a.text[v.evidence_a[0] - a.start:v.evidence_a[1] - a.start],
            b.text[v.evidence_b[0] - b.start:v.evidence_b[1] - b.start]) == ("Eleven", "23")


@pytest.mark.parametrize("a, b, expected", [
    # everyone who was there, and what happened to some of them: two groups
    ("About 120 people were inside the hall when the roof fell.", "Fourteen people were hurt when the roof fell.",
     ("agree", None)),
    ("Thirty-four miners were underground on the night shift.", "Three miners were killed in the collapse.",
     ("agree", None)),
    ("Some 300 passengers were on board the ferry.", "Twelve passengers were injured on the ferry.",
     ("agree", None)),
    ("Thirty-four miners were underground on the night shift.",
     "The town mourned the two miners who died underground.", ("agree", None)),
    # the same presence counted twice
    ("About 120 people were inside the hall when the roof fell.", "Some 300 people were in the hall at the time.",
     ("contradict", "numeric")),
])
def test_those_present_and_those_hurt_are_two_groups(a, b, expected):
    assert verdict(a, b) == expected


@pytest.mark.parametrize("a, b", [
    # in hospital, in custody, in a condition: not where the event happened
    ("Two people were in hospital after the crash.", "Five people were taken to hospital after the crash."),
    ("Three men were in custody on Monday night.", "Police arrested five men."),
    ("Four patients were in intensive care.", "Seven patients were treated in intensive care."),
    ("Three people were in a critical condition after the crash.", "Five people were critically injured in the crash."),
])
def test_those_in_hospital_or_custody_are_not_those_present(a, b):
    assert verdict(a, b) == ("contradict", "numeric")


@pytest.mark.parametrize("a, b, expected", [
    # what one side asks for, what the other offers
    ("The union is seeking an 18% pay rise.", "The airline has offered a pay rise of nine per cent.", ("agree", None)),
    ("Nurses want a 12 per cent rise.", "Ministers have proposed a 4 per cent rise for nurses.", ("agree", None)),
    # two accounts of one offer, or of one demand, still conflict
    ("The airline has offered a 7% pay rise.", "The airline has offered a pay rise of nine per cent.",
     ("contradict", "numeric")),
    ("The union is seeking an 18% pay rise.", "The union wants a 15% pay rise.", ("contradict", "numeric")),
])
def test_a_figure_asked_for_and_one_offered(a, b, expected):
    assert verdict(a, b) == expected


def test_those_hurt_and_those_taken_to_hospital_are_two_groups():
    a = "Twenty-seven people were hurt when fans were crushed against the turnstiles."
    assert verdict(a, "Seven fans were taken to hospital, one with broken ribs.") == ("agree", None)
    assert verdict(a, "Nineteen people were injured in the crush at the turnstiles.") == ("contradict", "numeric")


@pytest.mark.parametrize("a, b, expected", [
    # a place after the counted noun: what happened to them is told by the verb after it
    ("About 38,000 people in the town and four villages were told to boil their water on Monday.",
     "By Monday night 23 people had tested positive for the parasite.", ("agree", None)),
    ("About 38,000 people in the town and four villages were told to boil their water on Monday.",
     "Some 60,000 people were told to boil their water on Monday.", ("contradict", "numeric")),
    # "from" tells which people, not where they were
    ("More than 5,000 villagers fled the wildfire.",
     "Some 2,300 people from the three evacuated villages fled the wildfire.", ("contradict", "numeric")),
])
def test_what_happened_to_a_group_placed_after_its_noun(a, b, expected):
    assert verdict(a, b) == expected


def test_police_and_organisers_give_their_own_crowd_figures():
    a = "Police said 2,450 people joined the march against the quarry."
    b = "More than 6,000 people marched against the quarry, according to the organisers."
    assert verdict(a, b) == ("agree", None)


def test_may_hedges_what_will_asserts():
    assert verdict("Doctors said she may lose some of her toes.", "She will lose several toes to frostbite.") == (
        "contradict", "modality")


@pytest.mark.parametrize("a, b", [
    ("The factory closed in May last year.", "The factory closed last year."),
    ("Theresa May resigned as prime minister on Friday.", "The prime minister resigned on Friday."),
])
def test_may_the_month_or_a_name_is_no_hedge(a, b):
    assert verdict(a, b) == ("agree", None)


@pytest.mark.parametrize("a, b, expected", [
    ("Residents cannot pay council tax online.", "Residents can once again pay council tax online.", ("agree", None)),
    ("Some customers still had no mobile data.", "Mobile data has now been restored to all customers.", ("agree", None)),
    ("Residents cannot pay council tax online.", "Residents can pay council tax online as usual.",
     ("contradict", "negation")),
    ("The bridge is not open to traffic.", "The bridge is once again open to traffic.", ("agree", None)),
    # "once again" of a repeat, not of a state restored
    ("The Bank of England did not raise interest rates on Thursday.",
     "The Bank of England once again raised interest rates on Thursday.", ("contradict", "negation")),
    ("City did not win at home on Saturday.", "City once again won at home on Saturday.", ("contradict", "negation")),
])
def test_a_denial_and_a_state_restored_since(a, b, expected):
    assert verdict(a, b, similarity=0.95) == expected


@pytest.mark.parametrize("a, b, expected", [
    # a sum the other claim states alike is settled: no ground for conflict with its other sums
    ("The chain owes about £312 million, including some £47 million to suppliers.",
     "The chain owes more than £300 million, leaving hundreds of suppliers out of pocket.", ("agree", None)),
    ("Prices rose 7.4% in the year to October, against the bank's target of 3%.",
     "Prices are rising at more than twice the bank's 3 per cent target.", ("agree", None)),
    # a share stated with opposite bounds is not alike
    ("Just over half of registered voters took part.", "Fewer than half of registered voters took part.",
     ("contradict", "numeric")),
])
def test_a_sum_or_share_stated_alike_is_settled(a, b, expected):
    assert verdict(a, b) == expected


def test_temperatures_in_two_scales():
    assert verdict("The airfield reached 41.3C.", "The airfield roasted in a record 106F.") == ("agree", None)
    assert verdict("The airfield reached 41.3C.", "The airfield roasted in a record 98F.") == ("contradict", "numeric")


def test_temperatures_at_or_below_freezing():
    # in Celsius these are zero or below: a relative difference must not divide by zero
    # nor turn negative
    assert verdict("Temperatures fell to 0C overnight.", "Temperatures fell to 20F overnight.") == (
        "contradict", "numeric")
    assert verdict("Lows of 10F were recorded overnight.", "Lows of 20F were recorded overnight.") == (
        "contradict", "numeric")
    assert verdict("Temperatures fell to 0C overnight.", "Temperatures fell to 32F overnight.") == ("agree", None)


def test_a_measure_stated_alike_does_not_conflict_with_another():
    # 280 m matches "nearly 300 metres", 1,150 m matches "nearly 3,800 feet": nothing conflicts
    a = "It buried about 280 metres of the road, at 1,150 metres above sea level."
    b = "The landslide buried nearly 300 metres of the road, nearly 3,800 feet up."
    assert verdict(a, b) == ("agree", None)
    assert verdict("It buried about 280 metres of the road.", "It buried 600 metres of the road.") == (
        "contradict", "numeric")


@pytest.mark.parametrize("a, b, expected", [
    # figures of "people" tied by what happened to them (a shared word or a line of
    # PREDICATE_SYNONYMS) ...
    ("Police arrested 14 people after the march.", "Twenty-three people were arrested after the march.",
     ("contradict", "numeric")),
    ("Nine people suffered minor burns in the fire.", "The fire hurt 14 people, the company said.",
     ("contradict", "numeric")),
    # ... and not when different things happened to them
    ("Police arrested 14 people after the march.", "Police said 2,450 people joined the march.",
     ("agree", None)),
    ("The blast killed 12 people at the plant.", "The blast injured 30 people at the plant.", ("agree", None)),
    # the source's words are not what happened ("the agency said" / "according to the agency")
    ("The landslide killed 12 workers, the agency said.", "Rescuers pulled 30 people from the mud, according to the agency.",
     ("agree", None)),
])
def test_figures_of_people_need_the_same_predicate(a, b, expected):
    assert verdict(a, b) == expected


@pytest.mark.parametrize("added", ["putting another 300 jobs at risk", "with a further 300 jobs at risk",
                                   "and an additional 300 jobs will go"])
def test_an_added_figure_is_not_the_total(added):
    assert verdict("All 640 jobs at the plant will go.", f"The plant will close, {added}.") == ("agree", None)
    assert verdict("All 640 jobs at the plant will go.", "All 300 jobs at the plant will go.") == ("contradict", "numeric")


def test_added_figures_read_once_per_claim_are_those_read_one_by_one():
    """_added_figure reads a claim's figures once (by span) and reads a figure that is
    not the claim's own from its words, as before."""
    import dataclasses

    from coverage import judge

    judge.forget_claims()
    c = claim("Another 300 jobs will go, on top of 2,000 cut last year, and two more staff left.")
    assert [judge._added_figure(c, q) for q in c.numbers] == [judge._reads_as_added(c, q) for q in c.numbers]
    assert [judge._added_figure(c, q) for q in c.numbers][:2] == [True, False]
    elsewhere = dataclasses.replace(c.numbers[0], start=c.numbers[1].start, end=c.numbers[1].end + 1)
    assert judge._added_figure(c, elsewhere) == judge._reads_as_added(c, elsewhere)
    judge.forget_claims()


def test_rates_over_different_periods_are_not_compared():
    assert verdict("The firm runs about 20 chemical trains a week through the town.",
                   "The firm runs about 85 chemical trains a month through the town.") == ("agree", None)
    assert verdict("Withdrawals are limited to £500 a day per customer.",
                   "Withdrawals are limited to £300 a day per customer.") == ("contradict", "numeric")


def test_rounding_tolerance_of_an_approximate_figure():
    assert verdict("The box held 1,046 ballots.", "The box held close to 900 ballots.") == ("contradict", "numeric")
    assert verdict("The box held 1,046 ballots.", "The box held about 1,000 ballots.") == ("agree", None)


def test_villagers_are_people():
    assert verdict("About 2,300 people were ordered to leave their homes.",
                   "More than 5,000 villagers fled their homes.") == ("contradict", "numeric")


def test_the_source_of_a_figure_is_not_its_subject():
    assert verdict("The State Weather Service said 212 millimetres of rain fell in 48 hours at Korvel Saddle.",
                   "Data from the Korvel Saddle station show 158 mm of rain in the 48 hours before the slide.") \
        == ("contradict", "numeric")
    assert verdict("Fatah won 17 seats in the vote.", "Hamas won 70 seats in the vote.") == ("agree", None)
    # ... nor is whoever first reported it
    assert verdict("The stake, first reported by the Merrowin Ledger on Sunday, amounts to 12 percent of Halvard.",
                   "Marenholt owned a 21 per cent slice of Halvard.") == ("contradict", "numeric")
    assert verdict("The stake amounts to 12 percent of Halvard, according to Nordline.",
                   "Marenholt owned a 21 per cent slice of Halvard.") == ("contradict", "numeric")


def test_a_name_after_by_that_reported_nothing_is_the_subject_of_its_figure():
    # a bidder, not a reporter: two bids, two figures
    assert verdict("A bid by Vennor Holdings valued the club at 2 billion pounds.",
                   "A bid by Harland Group valued the club at 3 billion pounds.") == ("agree", None)


def test_a_denial_of_a_modified_noun():
    assert verdict("The service had issued an orange warning for heavy rain for the area on Monday.",
                   "No weather warning had been issued for the area.") == ("contradict", "negation")


@pytest.mark.parametrize("a, b, expected", [
    ("All 31 branches will stay shut on Monday, the bank said.", "All branches of the bank will open as usual on Monday.",
     ("contradict", "negation")),
    ("The council approved the plan for the new stadium.", "The council rejected the plan for the new stadium.",
     ("contradict", "negation")),
    # one claim says both sides: no clear opposition
    ("The bridge was closed on Monday and reopened on Tuesday.", "The bridge reopened on Tuesday.", ("agree", None)),
    # too little shared besides the opposite words
    ("The museum opened in 1960.", "Roads were closed after the storm.", ("agree", None)),
    # every form of a listed word the stemmer does not fold into a listed one
    ("All four climbers survive the avalanche on Ben Tor.", "All four climbers died in the avalanche on Ben Tor.",
     ("contradict", "negation")),
    ("The council is shutting the library for the summer.", "The council is reopening the library for the summer.",
     ("contradict", "negation")),
    # different subjects take opposite sides
    ("Labour supported the expansion of the airport.", "Residents opposed the expansion of the airport.",
     ("agree", None)),
    ("The mayor Ellen Hart supported the plan for the stadium.", "Councillors opposed the plan for the stadium.",
     ("agree", None)),
])
def test_words_of_opposite_meaning(a, b, expected):
    assert verdict(a, b) == expected


def test_a_state_at_another_time_and_an_update_are_no_temporal_conflict():
    assert verdict("All six volunteers were still in hospital on Tuesday.",
                   "Two volunteers were still in hospital on Sunday.", 0.97)[1] != "temporal"
    assert verdict("The earthquake struck at 4:12 a.m. on Sunday, killing six people.",
                   "The earthquake death toll has risen to seven, officials said on Monday.", 0.98) == ("agree", None)
    assert verdict("The earthquake struck at 4:12 a.m. on Sunday.",
                   "The earthquake struck just before midnight on Saturday.", 0.98) == ("contradict", "temporal")


def test_a_state_word_elsewhere_in_the_claim_keeps_the_time_of_the_event():
    assert verdict("The fire broke out on Monday at the Ashgrove school.",
                   "The cause of the fire, which broke out on Sunday at the Ashgrove school, remains unknown.",
                   0.8) == ("contradict", "temporal")
    assert verdict("The fire broke out on Monday at the Ashgrove school.",
                   "The fire broke out on Sunday at the Ashgrove school, and pupils are still at home.",
                   0.8) == ("contradict", "temporal")


def test_more_after_a_figure_adds_to_another():
    assert verdict("Two more people died in the inland town.", "Six people died in the inland town.") == ("agree", None)


def test_figures_of_different_outcomes_and_ordered_parts():
    assert verdict("Nine miners have been rescued from the pit.", "Three miners were killed in the pit.") == ("agree", None)
    assert verdict("Nine miners were killed in the pit.", "Three miners died in the pit.") == ("contradict", "numeric")
    assert verdict("Two miners died in the collapse at the pit.",
                   "Three miners survived the collapse at the pit.") == ("agree", None)
    assert verdict("The first four survivors were brought to the surface.",
                   "The last five survivors reached the surface.") == ("agree", None)


@pytest.mark.parametrize("hedged", [
    "Stennard Bank has agreed in principle to buy the deposits and branches of Carrowby.",
    "Stennard Bank has provisionally agreed to buy the deposits and branches of Carrowby.",
])
def test_an_agreement_in_principle_is_a_hedge(hedged):
    assert verdict("Stennard Bank has bought the deposits and branches of Carrowby.", hedged) == ("contradict", "modality")


def test_shares_as_fractions_and_opposite_bounds():
    assert verdict("Just over half of registered voters took part in the election.",
                   "Fewer than half of registered voters took part in the election.") == ("contradict", "numeric")
    assert verdict("The consortium bought three-quarters of the club.",
                   "The consortium bought 90 per cent of the club.") == ("contradict", "numeric")
    assert verdict("The consortium bought three-quarters of the club.",
                   "The consortium bought 75 per cent of the club.") == ("agree", None)


@pytest.mark.parametrize("a, b, expected", [
    # both bounds hold at exactly 40
    ("At least 40 people were killed in the quake.", "As many as 40 people were killed in the quake.", ("agree", None)),
    ("At least 40 people were killed in the quake.", "Up to 40 people were killed in the quake.", ("agree", None)),
    # one of them leaves 40 out
    ("More than 40 people were killed in the quake.", "Up to 40 people were killed in the quake.",
     ("contradict", "numeric")),
    ("At least 40 people were killed in the quake.", "Fewer than 40 people were killed in the quake.",
     ("contradict", "numeric")),
])
def test_equal_figures_with_opposite_bounds_conflict_only_when_a_bound_is_strict(a, b, expected):
    assert verdict(a, b) == expected


@pytest.mark.parametrize("a, b", [
    ("No fewer than 40 people were killed in the quake.", "Up to 40 people were killed in the quake."),
    ("No less than 40 homes were flooded in the town.", "40 homes were flooded in the town."),
    ("No more than 40 people were killed in the quake.", "40 people were killed in the quake."),
    ("Not only homes but shops were flooded in the town.", "Homes were flooded in the town."),
])
def test_a_bound_or_not_only_is_no_denial(a, b):
    assert verdict(a, b) == ("agree", None)
    assert not claim(a).negated


def test_hit_dates_an_occurrence_but_a_money_hit_does_not():
    assert verdict("The earthquake struck the coast at 4:12 a.m. on Sunday, officials said.",
                   "The earthquake hit the coast just before midnight on Saturday.", 0.8) == ("contradict", "temporal")
    assert J._OCCURRENCE_RE.search("warned of a £180 million hit on property") is None
    for money_hit in ("took a £5m hit on Monday", "a $2bn hit to profits", "a 3% hit to sales",
                      "a 40,000 hit to the budget"):
        assert J._OCCURRENCE_RE.search(money_hit) is None, money_hit
    assert J._OCCURRENCE_RE.search("Homes were hit by flooding on Monday") is not None


def test_one_day_each_on_a_close_match_dates_the_event():
    assert verdict("The quake hit just before midnight on Saturday.", "The quake came in the small hours of Sunday.",
                   0.92) == ("contradict", "temporal")
    # with more than one day each, which day is the event's is not told by the match alone
    assert verdict("Residents fled on Saturday and returned on Monday to their homes.",
                   "Residents went back on Tuesday, having left their homes on Saturday.", 0.92) == ("agree", None)


def test_the_one_sum_each_claim_gives_on_a_close_match():
    assert verdict("The court found he took about €2.3 million in bribes.", "Varga trousered a whopping €3.2 million.",
                   0.92) == ("contradict", "numeric")
    # a rate and a total, or sums of different orders, are not one figure
    assert verdict("Deposits stood at £2.1 billion.", "Customers can now take out just £300 a day.", 0.95) \
        == ("agree", None)
    assert verdict("Deposits stood at £2.1 billion.", "Customers can now take out just £300.", 0.95) == ("agree", None)
    assert verdict("Deposits stood at £2.1 billion.", "Customers can now take out £1.5 billion.", 0.95) \
        == ("contradict", "numeric")


@pytest.mark.parametrize("a, b", [
    ("The collection is insured by Halvern Mutual, a spokeswoman said.",
     "The collection is underwritten by Arcturus Fine Art Insurance."),
    ("The faulty update was supplied by the equipment maker Korvant Systems.",
     "The faulty update was written by Velin's own engineering team."),
    ("The march stopped at Hollin Bridge, police said.", "The march halted at the quarry gates."),
    # verbs whose stem loses a final "e" ("broke", "wrote")
    ("The fire broke out in the kitchen.", "The fire broke out in the garage."),
    ("The fire broke out in the kitchen.", "The fire started in the garage."),
])
def test_more_verb_slots_name_one_role(a, b):
    assert verdict(a, b) == ("contradict", "entity")


_cue_text = st.lists(st.sampled_from(
    ["broke", "out", "Broke Out", "took", "place", "was", "were", "launched", "hit", "a", "the", "5m", "lion",
     "sand", "white", "struck", "CRASHED", "ſtarted", "began", "reportedly", "may", "have", "not", "yet",
     "confirmed", "no", "firm", "decision", "on", "suspicion", "investigating", "whether", "unclear", "İn",
     "principle", "possible", "causes", "possibilities", "north", "north-eastern", "southern", "and", "end",
     "Stand", "east", "least", "west", "left", "Right", "bright", "the", "plane's", "engine", "of", ",", ".", "-", "\u212aNOWN", "known"]),
    max_size=14).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_cue_text, st.sampled_from([None, "officials", "the company", "reportedly"]))
@example("The fire broke out at dawn and a 5m hit, the sand hit, a lion hit", None)
def test_searches_tried_where_they_can_match_find_what_searching_everywhere_finds(text, source):
    """Occurrence verbs, strong hedges and compass directions are only looked for where
    their first words are: the same as searching every position."""
    from coverage import judge
    from coverage.types import Claim

    assert judge._tells_occurrence(text) == bool(judge._OCCURRENCE_RE.search(text))
    claim = Claim(claim_id="a-c1", article_id="a", outlet="A", start=7, end=7 + len(text), text=text,
                  attributed_to=source)
    expected = [(claim.start + m.start(), claim.start + m.end(), m.group())
                for m in judge.STRONG_HEDGE_RE.finditer(judge._without_source(claim))]
    assert judge._strong_hedges(claim) == expected
    folded = judge._fold(text)
    if not any(word in folded for word in ("north", "south", "east", "west", "left", "right")):  # nothing to find
        assert judge._direction_slots(claim) == [] and not list(judge._DIRECTION_RE.finditer(text))


def test_when_something_ended_is_not_when_it_happened():
    assert verdict("About 212,000 homes lost power at 4:47 p.m. on Tuesday.",
                   "For most homes the power did not come back until about 4 a.m. on Wednesday.", 0.96) == ("agree", None)
    assert verdict("The power failed at 4:47 p.m. on Tuesday.", "The power failed at about 9 p.m. on Tuesday.", 0.96) \
        == ("contradict", "temporal")
    assert verdict("The network failure began at about 4:20 a.m.",
                   "Calls and texts on the network started working again shortly after midday.", 0.96) == ("agree", None)
def pack_claims():
    from pathlib import Path

    from coverage._validation import coerce_articles
    from coverage.evaluate import load_pack

    pack = Path(__file__).resolve().parents[1] / "examples" / "data" / "kadhemi-drone-attack.json"
    claims = []
    for article in coerce_articles(load_pack(pack)["articles"], func="test", min_articles=1):
        claims.extend(segment(article))
    return claims


def test_pairs_with_nothing_to_conflict_over_get_the_full_judges_verdict():
    # _judge settles pairs whose claims have no figures, times, hedges, denials or slots
    # by their sources alone; equal parts that are not the shared empty record take the
    # full path, which must decide alike
    from coverage.judge import _NO_PARTS, _judge, _judged_parts, STRONG_MATCH

    claims = pack_claims()
    plain = [c for c in claims if _judged_parts(c) == _NO_PARTS and not c.numbers]
    assert len(plain) > 10
    sources = {c.attributed_to for c in plain}
    assert None in sources and len(sources) > 3  # own voice, and sources that differ
    fast = 0
    for a in plain[:40]:
        for b in claims[:80]:
            parts_a, parts_b = _judged_parts(a), _judged_parts(b)
            for similarity in (0.2, STRONG_MATCH, 0.97):
                quick = _judge(a, b, parts_a, parts_b, similarity, STRONG_MATCH)
                full = _judge(a, b, tuple(list(parts_a)), tuple(list(parts_b)), similarity, STRONG_MATCH)
                assert quick == full
                fast += parts_b == _NO_PARTS and not b.numbers
    assert fast > 100


def test_pairs_of_claims_with_nothing_to_judge_agree_at_a_glance():
    """compare() settles the pairs of claims with nothing to judge (at most one with opposite
    words) column by column: judge_pair agrees on each alike, whatever the similarity."""
    from coverage.judge import (STRONG_MATCH, Label, _judged_parts, conflict_cues, nothing_to_judge,
                                plain_agreement)

    claims = pack_claims()[:90]
    plain = [c for c in claims if nothing_to_judge(c, _judged_parts(c))]
    opposite = [c for c in plain if conflict_cues(c)[2]]
    assert len(plain) > 20 and opposite  # (the pack has claims with opposite words)
    at_a_glance = 0
    for a in plain:
        for b in plain:
            if a.article_id == b.article_id:
                continue
            for similarity in (0.1, STRONG_MATCH, 0.99):
                verdict = judge_pair(a, b, similarity=similarity)
                if conflict_cues(a)[2] and conflict_cues(b)[2]:
                    continue  # two claims with opposite words: judged one by one
                at_a_glance += 1
                assert verdict.label is Label.AGREE and verdict.type is None and not verdict.distinct
                assert (verdict.evidence_a, verdict.evidence_b) == ((a.start, a.end), (b.start, b.end))
                assert verdict.explanation == plain_agreement(a.attributed_to, b.attributed_to)
    assert at_a_glance > 1000


def test_pairs_settled_by_sources_get_the_verdict_judge_pair_gives():
    import numpy as np

    from coverage.judge import STRONG_MATCH, Label, conflict_cues, plain_agreement, settled_by_sources

    claims = pack_claims()[:90]
    cues = np.array([conflict_cues(c) for c in claims], dtype=bool)
    left, right = map(np.array, zip(*[(i, j) for i in range(len(claims)) for j in range(len(claims))
                                      if claims[i].article_id != claims[j].article_id]))
    settled_any = others = 0
    for similarity in (0.1, STRONG_MATCH - 1e-9, STRONG_MATCH, 0.99):
        settled = settled_by_sources(cues[left], cues[right], np.full(len(left), similarity))
        for i, j, quick in zip(left.tolist(), right.tolist(), settled.tolist()):
            verdict = judge_pair(claims[i], claims[j], similarity=similarity)
            if quick:
                settled_any += 1
                a, b = claims[i], claims[j]
                assert verdict.label is Label.AGREE and verdict.type is None and not verdict.distinct
                assert (verdict.evidence_a, verdict.evidence_b) == ((a.start, a.end), (b.start, b.end))
                assert verdict.explanation == plain_agreement(a.attributed_to, b.attributed_to)
                assert verdict.score == similarity
            else:
                others += 1
    assert settled_any > 1000 and others > 1000


def test_a_figure_inside_a_range_agrees_and_one_outside_conflicts():
    a = "Between 30 and 40 people were hurt in the blast."
    assert verdict(a, "Thirty-five people were hurt in the blast.") == ("agree", None)
    assert verdict(a, "Fifty people were hurt in the blast.") == ("contradict", "numeric")
    b = "Between 2 and 3 million people fled the fighting."
    assert verdict(b, "1 million people fled the fighting.") == ("contradict", "numeric")
    c = "The Senate voted 48-52 against the bill."  # a tally, not a range
    assert verdict(c, "The Senate voted 47-53 against the bill.") == ("contradict", "numeric")


def test_not_ruling_out_is_a_hedge_not_a_denial():
    assert verdict("Police did not rule out arson.", "Police said the fire was arson.") == ("contradict", "modality")


def test_charges_are_slots():
    assert verdict("Two men were charged with murder.", "Two men were charged with manslaughter.") == (
        "contradict", "entity")
    assert verdict("Two men were charged with murder.", "Two men were charged with murder on Friday.") == (
        "agree", None)
    # where or how someone was charged is no charge
    assert verdict("He was charged in absentia.", "He was charged in connection with the attack.") == ("agree", None)
    assert verdict("The man was charged at Leeds Crown Court.", "The man was charged at a police station.") == (
        "agree", None)


def test_figures_of_opposing_sides_are_each_sides_own():
    a = "The union said 5,000 workers joined the strike."
    b = "The company said 2,000 workers joined the strike."
    v = judge_pair(claim(a, article="a"), claim(b, article="b"), similarity=0.95)
    assert v.label.value == "agree" and v.distinct
    # sources on one side (two authorities) still conflict
    assert verdict("About 38 houses were destroyed, county officials said.",
                   "61 houses were destroyed, the sheriff's office said.") == ("contradict", "numeric")


def test_passed_and_failed_are_opposites():
    assert verdict("The mine had passed its last safety inspection.",
                   "The mine had failed its last safety inspection.") == ("contradict", "negation")


def test_more_than_and_nearly_the_same_figure_conflict():
    assert verdict("More than 100 people were evacuated.", "Nearly 100 people were evacuated.") == (
        "contradict", "numeric")
    assert verdict("At least 100 people were evacuated.", "Nearly 100 people were evacuated.") == ("agree", None)


def test_the_noun_suspect_is_no_hedge():
    assert verdict("The suspect is believed to have fled to Spain.", "The suspect fled to Spain.") == (
        "contradict", "modality")
    assert verdict("Police arrested a 20-year-old suspect on Monday.",
                   "Police arrested a 20-year-old man on Monday.") == ("agree", None)


@pytest.mark.parametrize("a, b, expected", [
    # a negation inside a quotation needs two of its words in the other claim
    ("Fans marched on the stadium to protest against the sale of the club.",
     'Fans marched on the stadium, chanting "Not for sale" before kick-off.', ("agree", None)),
    ("Fans marched on the stadium to protest against the sale of the club.",
     "Fans marched on the stadium, though the club is not for sale.", ("contradict", "negation")),
    ("Fans marched on the stadium to protest against the sale of the club.",
     'Fans chanted "Not for sale" as they marched on the stadium.', ("agree", None)),
    # ... even when the quotation ends right after the one word it negates
    ("Fans marched on the stadium to protest against the sale of the club.",
     '"Not for sale," fans chanted as they marched on the stadium.', ("agree", None)),
    ("Fans marched on the stadium to protest against the sale of the club.",
     "\u201cNot for sale,\u201d fans chanted as they marched on the stadium.", ("agree", None)),
    # "unable to" denies as "could not" does: two claims that both deny agree
    ("The outage left 9.6 million customers unable to make calls for 11 hours.",
     "For 11 hours, 9.6 million customers could not make calls.", ("agree", None)),
    ("The outage left 9.6 million customers unable to make calls for 11 hours.",
     "For 11 hours, 9.6 million customers could make calls as usual.", ("contradict", "negation")),
    # ... and "unable to confirm", as "could not confirm", leaves the fact open
    ("Police could not confirm that the driver had been drinking.",
     "The driver had been drinking, police said.", ("agree", None)),
    ("Police were unable to confirm that the driver had been drinking.",
     "The driver had been drinking, police said.", ("agree", None)),
])
def test_quoted_and_unable_negations(a, b, expected):
    assert verdict(a, b) == expected
    assert verdict(b, a) == expected


@pytest.mark.parametrize("quote", [
    '"Hands off our club. Not for sale," fans chanted as they marched on the stadium.',
    "\u201cHands off our club. Not for sale,\u201d fans chanted as they marched on the stadium.",
])
def test_a_negation_inside_a_quotation_opened_in_an_earlier_sentence(quote):
    # the quotation opens before the claim ("Not for sale,\" fans chanted ..."): still a speaker's words
    a = claim("Fans marched on the stadium to protest against the sale of the club.", article="a")
    b = segment(Article(text=quote, outlet="b", id="b", published="2021-11-08"))[-1]
    assert b.text.startswith("Not for sale")
    assert judge_pair(a, b, similarity=0.95).label is Label.AGREE
    assert judge_pair(b, a, similarity=0.95).label is Label.AGREE


@pytest.mark.parametrize("a, b, expected", [
    # words of opposite meaning at two times (one ahead, one past) are two facts
    ("The Dunmore plant employs 640 people and will close at the end of March.",
     "The Dunmore plant opened in 1968 and employs 640 people.", ("agree", None)),
    ("The Dunmore plant employs 640 people and is set to close in March.",
     "The Dunmore plant opened in 1968 and employs 640 people.", ("agree", None)),
    ("The Dunmore plant employs 640 people and it\u2019ll close at the end of March.",
     "The Dunmore plant opened in 1968 and employs 640 people.", ("agree", None)),
    # (the word itself, not one that begins like it: "closely")
    ("The Dunmore plant, closely tied to the town, employs 640 people and will close at the end of March.",
     "The Dunmore plant, closely tied to the town, opened in 1968 and employs 640 people.", ("agree", None)),
    # ... at one time they conflict
    ("The Dunmore plant employs 640 people and will close on Monday.",
     "The Dunmore plant employs 640 people and will open as usual on Monday.", ("contradict", "negation")),
])
def test_opposite_words_at_two_times(a, b, expected):
    assert verdict(a, b) == expected
    assert verdict(b, a) == expected


@pytest.mark.parametrize("a, b, expected", [
    # a claim that dates one event by another, days apart: its day is not the shared event's
    ("A freight train carrying chemicals derailed near Fenwick shortly before 10 p.m. on Tuesday.",
     "Residents of Fenwick were allowed home on Thursday, two days after a freight train carrying "
     "chemicals derailed near the town.", ("agree", None)),
    ("The crooks struck the museum shortly before midnight on Saturday, taking four paintings.",
     "Police arrested two men on Monday, a day after the crooks struck the museum and took four paintings.",
     ("agree", None)),
    # within the day the time is the event's own
    ("The crush at the turnstiles happened at about 2.40 p.m.",
     "The crush at the turnstiles happened at about 2.10 p.m., almost an hour before kick-off.",
     ("contradict", "temporal")),
])
def test_a_time_of_another_event_days_apart(a, b, expected):
    assert verdict(a, b) == expected
    assert verdict(b, a) == expected


@pytest.mark.parametrize("a, b, expected", [
    # a part of the day written with another day belongs to that day
    ("The bridge was closed to all traffic at 6 p.m. on Monday after inspectors found cracks.",
     "Traffic slowed to a crawl on Tuesday morning, after the bridge was closed on Monday.", ("agree", None)),
    # ... on the day both name, the times conflict
    ("The bridge was closed to all traffic at 6 p.m. on Monday after inspectors found cracks.",
     "The bridge was closed to all traffic on Monday morning after inspectors found cracks.",
     ("contradict", "temporal")),
])
def test_a_part_of_the_day_belongs_to_its_own_day(a, b, expected):
    assert verdict(a, b, similarity=0.99) == expected
    assert verdict(b, a, similarity=0.99) == expected


@pytest.mark.parametrize("a, b, expected", [
    # a counted noun that says what happened to the group is part of what the figure tells
    ("Seven people were still missing in the village on Wednesday evening.",
     "Four survivors, including a girl, were pulled out in the village on Wednesday.", ("agree", None)),
    ("Nine survivors were pulled out of the mine on Wednesday.",
     "Seven survivors were pulled out of the mine on Wednesday.", ("contradict", "numeric")),
])
def test_a_counted_noun_that_tells_what_happened(a, b, expected):
    assert verdict(a, b) == expected
    assert verdict(b, a) == expected


@pytest.mark.parametrize("text", [
    "The bridge will stay shut until Monday.",
    "The bridge reopened and then closed again.",  # both sides of one line: neither
    "Labour supported the plan, which the council rejected.",
    "Two miners died and three survived the collapse.",
    "The river rose by two metres overnight.",  # no opposite word at all
])
def test_opposite_sides_are_the_lines_whose_one_side_a_claim_says(text):
    from coverage import judge
    from coverage.types import Claim

    claim = Claim(claim_id="a-c1", article_id="a", outlet="A", start=0, end=len(text), text=text)
    words = judge._core_words(claim)
    expected = tuple((k, 0 if words & left else 1) for k, (left, right) in enumerate(judge._ANTONYM_SIDES)
                     if bool(words & left) != bool(words & right))
    assert judge._opposite_sides(claim) == expected
    judge.forget_claims()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["fire", "started", "began", "in", "In", "at", "into", "inside", "within", "from",
                                 "came", "the", "warehouse", "off", "out", "to", "-", ",", "."]),
                max_size=12).map(" ".join))
def test_a_claim_without_a_slot_preposition_has_no_slot_match(text):
    from coverage import judge
    from coverage.segment import _fold, _words

    if _words(_fold(text)).isdisjoint(judge._PREP_SLOTS):
        assert not list(judge._SLOT_RE.finditer(text))


def _figure_overlap_reference(a, b):
    """figure_overlap as first written: each claim's figures against the other's, both ways round."""
    from coverage import judge

    def counts(x, y):
        matched = conflicting = 0
        for qx in x.numbers:
            match = conflict = False
            for qy in y.numbers:
                if judge.base_unit(qx) != judge.base_unit(qy):
                    continue
                if judge._numbers_conflict(x, qx, y, qy):
                    conflict = conflict or judge._comparable(qx, qy)
                elif judge._close_values(qx, qy) and (qx.unit or max(qx.value, qy.value) > judge._SMALL_FIGURE
                                                      or judge._comparable(qx, qy)):
                    match = True
            matched += match
            conflicting += conflict and not match
        return matched, conflicting

    (match_a, conflict_a), (match_b, conflict_b) = counts(a, b), counts(b, a)
    return min(match_a, match_b), min(conflict_a, conflict_b)


def test_figure_overlap_reads_each_pair_of_figures_once_with_the_same_counts():
    from coverage.judge import figure_overlap

    figured = [c for c in pack_claims() if c.numbers]
    texts = ["About 60 people were hurt and 3 died.", "58 people were injured; more than 40 were treated.",
             "Up to 3,000 homes lost power, 12 km away.", "Nearly 100 staff, or 2 in 5, left; 7.5 miles.",
             "At least 40 and as many as 40 were held for two days.", "Fewer than half voted; 48 hours later."]
    figured += [c for k, t in enumerate(texts) for c in segment(Article(text=t, outlet="A", id=f"f{k}"))]
    pairs = conflicts = matches = 0
    for a in figured:
        for b in figured[:120]:
            expected = _figure_overlap_reference(a, b)
            assert figure_overlap(a, b) == expected
            pairs += 1
            matches += expected[0] > 0
            conflicts += expected[1] > 0
    assert pairs > 1000 and matches > 50 and conflicts > 20


@pytest.mark.parametrize("a, b, expected", [
    # "had to close" / "were forced to close" happened already: the same time as "opened"
    ("Shops on the high street were forced to close on Monday, the council said.",
     "Shops on the high street opened as usual on Monday, the council said.", ("contradict", "negation")),
    ("Shops on the high street are due to close on Monday, the council said.",
     "Shops on the high street opened as usual in 1968, the council said.", ("agree", None)),
])
def test_what_had_to_happen_is_not_ahead(a, b, expected):
    assert verdict(a, b) == expected
    assert verdict(b, a) == expected


def _opposite_sides_reference(claim):
    """judge._opposite_sides as the content words of the claim give it, every claim read."""
    words = set(J._content(re.sub(re.escape(claim.attributed_to), " ", claim.text) if claim.attributed_to
                           else claim.text))
    out = []
    for k, (left, right) in enumerate(J._ANTONYM_SIDES):
        if bool(words & left) != bool(words & right):
            out.append((k, 0 if words & left else 1))
    return tuple(out)


_antonym_sentence = st.lists(st.sampled_from(
    ["the", "plant", "reopened", "reopening", "stays", "shut", "closes", "opposite", "opposed", "support",
     "supporters", "acquitted", "guilty", "alive", "died", "killed", "bans", "banned", "banner", "it",
     "said", "police", "bandit", "İstanbul", "ıopen", "ſhut", "Kelvin", "open", "rejects", "accepted", "“", "’s"]),
    min_size=1, max_size=14).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_antonym_sentence, st.sampled_from([None, "it", "police", "he", "ban", "dit", "the plant"]))
@example("The bandit fled.", "dit")  # "ban|dit" cut at the source: "ban", one of the words
@example("It said the ban was lifted.", "it")
@example("The ıopened plant.", None)
@example("The İopened plant.", None)
def test_opposite_sides_are_those_of_the_content_words(text, source):
    """The words watched in claim texts tell _opposite_sides when a claim has no opposite
    words; it must answer as reading every claim's content words does."""
    from coverage.types import Claim

    c = Claim(claim_id="a-1", article_id="a", outlet="A", start=0, end=len(text), text=text,
              attributed_to=source)
    J.forget_claims()
    assert J._opposite_sides.__wrapped__(c) == _opposite_sides_reference(c)
    # as compare() segments: the words watched in each claim's text are kept meanwhile
    try:
        for found in _segment(Article(text=text, outlet="A", id="a"), sentences={}):
            assert J._opposite_sides.__wrapped__(found) == _opposite_sides_reference(found)
    finally:
        J.forget_claims()


def test_a_claim_without_dates_has_no_event_times():
    c = claim("Two days after the crash, the line reopened.")
    assert c.dates == () and J._event_times(c) == []


_hedge_sentence = st.lists(st.sampled_from(
    ["The", "fire", "was", "reportedly", "allegedly", "police", "suspect", "suspects", "suspected", "he", "on",
     "suspicion", "believed to", "thought to", "appeared to", "seems to", "may have", "could have", "likely",
     "unlikely", "not yet confirmed", "not been independently verified", "known", "cannot be ruled out",
     "failed to establish", "under investigation", "if confirmed", "investigating whether", "checks whether",
     "unclear whether", "decided whether", "considering", "too early to say", "possibilities", "in principle",
     "provisionally", "tentative", "no firm decision", "no conclusion", "not yet decided", "yet to decide",
     "possible causes", "possible", "not", "in", "may", "no", "yet", "ſupposedly", "Kelvin", "İf confirmed",
     "unconfırmed", "“", ",", "2", "x"]),
    min_size=1, max_size=12).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(_hedge_sentence, st.sampled_from([None, "police", "he", "The fire", "was", "x"]))
@example("Officials said the cause was reportedly arson.", "Officials")
@example("The blaze was not yet confirmed as arson.", None)
@example("The cause was unconfirmedx by then.", "x")  # the blanked source leaves a whole hedge word
def test_strong_hedges_are_those_of_the_pattern(text, source):
    """_strong_hedges rules most claims out by their words (STRONG_HEDGE_KEYS): it must
    find what STRONG_HEDGE_RE finds in the claim's text without its source."""
    from coverage._lexicon import STRONG_HEDGE_RE
    from coverage.types import Claim

    c = Claim(claim_id="a-1", article_id="a", outlet="A", start=7, end=7 + len(text), text=text,
              attributed_to=source)
    expected = [(7 + m.start(), 7 + m.end(), m.group()) for m in STRONG_HEDGE_RE.finditer(J._without_source(c))]
    assert J._strong_hedges(c) == expected
    # as compare() segments: the words watched in each claim's text are kept meanwhile
    try:
        for found in _segment(Article(text=text, outlet="A", id="a"), sentences={}):
            assert J._strong_hedges(found) == [
                (found.start + m.start(), found.start + m.end(), m.group())
                for m in STRONG_HEDGE_RE.finditer(J._without_source(found))]
    finally:
        J.forget_claims()


_slot_sentence = st.lists(st.sampled_from(
    ["The", "fire", "started", "began", "broke", "out", "in", "a", "warehouse", "came", "from", "the", "north",
     "moved", "to", "Leeds", "charged", "with", "murder", "at", "court", "carried", "by", "gunmen", "restarted",
     "firestarter", "Started", "on", "Sunday", "shipped", "into", "port", "caused", "kill", "mob", "İn", "’s", ","]),
    min_size=1, max_size=14).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_slot_sentence)
@example("The fire started in a warehouse.")
@example("The money came from the Treasury and was moved to an account.")
def test_slots_are_found_in_claims_ruled_out_by_their_verbs_alone(text):
    """_slots passes over claims without a verb of _VERB_SYNONYMS at once: the slots of
    the others must be those a reading of every claim finds."""
    claims = segment(Article(text=text, outlet="A", id="a"), split_clauses=False)
    quick = [J._slots(c) for c in claims]
    everywhere = re.compile("")  # a search that always succeeds: every claim read
    kept, J._SLOT_VERB_START_RE = J._SLOT_VERB_START_RE, everywhere
    try:
        assert quick == [J._slots(c) for c in claims]
    finally:
        J._SLOT_VERB_START_RE = kept


_offset_sentence = st.lists(st.sampled_from(
    ["On", "Thursday", "two", "days", "a", "few", "weeks", "after", "before", "since", "ſince", "Before", "the",
     "crash", "3", "months", "aftermath", "beforehand", "day", "on", "Friday", "\u00a0", ",", "."]),
    min_size=1, max_size=14).map(" ".join).map(lambda s: "Then " + s)


@settings(max_examples=300, deadline=None)
@given(_offset_sentence)
@example("On Thursday, two days after the derailment, the line reopened.")
def test_a_relative_offset_is_found_by_its_watched_words(text):
    """_event_times searches a claim for a relative offset only where its watched words
    have one of _OFFSET_WORDS: every match has one."""
    from coverage.segment import _segment

    try:
        for found in _segment(Article(text=text, outlet="A", id="a", published="2021-11-08"), sentences={}):
            if J._RELATIVE_OFFSET_RE.search(found.text):
                assert not J._folded_words(found.text)[1].isdisjoint(J._OFFSET_WORDS)
            if J._RELATIVE_OFFSET_RE.search(found.text) and found.dates:
                assert J._event_times(found) == []
    finally:
        J.forget_claims()


_negation_sentence = st.lists(st.sampled_from(
    ["Police", "said", "no", "No", "not", "nobody", "no-one", "no one", "didn't", "wasn't", "never", "without",
     "cannot", "unable", "denied", "refused", "stopped short of", "not yet confirmed", "could not confirm",
     "cannot be ruled out", "failed to verify", "not immediately clear", "yet", "more than", "fewer than",
     "only", "homes", "were", "evacuated", "knot", "notable", "İn", "ſtop", "“", ",", "2"]),
    min_size=1, max_size=14).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_negation_sentence, st.sampled_from([None, "Police", "no", "not", "he"]))
@example("Police said no homes were evacuated.", "Police")
@example("It could not confirm that nobody was hurt.", None)
@example("Police didn't say.", "Police")
@example("No one saw the xnever event.", "x")  # "x|never" cut at the source: "never", a whole word
def test_negation_spans_are_those_of_the_pattern(text, source):
    """_negation_spans tries the pattern only where its first words are: it must find
    what NEGATION_RE finds in the claim's text without its source and uncertainty."""
    from coverage._lexicon import NEGATION_RE, NEGATION_WORDS, UNCERTAIN_NEGATION_RE
    from coverage.types import Claim

    def expected(c):
        folded = J._fold(c.text)
        if "n't" not in folded and J._words(folded).isdisjoint(NEGATION_WORDS):
            return []
        core = UNCERTAIN_NEGATION_RE.sub(lambda m: " " * len(m.group()), J._without_source(c))
        return [(c.start + m.start(), c.start + m.end()) for m in NEGATION_RE.finditer(core)]

    c = Claim(claim_id="a-1", article_id="a", outlet="A", start=3, end=3 + len(text), text=text,
              attributed_to=source)
    assert J._negation_spans(c) == expected(c)
    try:  # as compare() segments: the words watched in each claim's text are kept meanwhile
        for found in _segment(Article(text=text, outlet="A", id="a"), sentences={}):
            assert J._negation_spans(found) == expected(found)
    finally:
        J.forget_claims()


@pytest.mark.parametrize("a, b, expected", [
    # who ordered, declared or led it: the doer of the active verb and the "by" of the passive
    ("The national Civil Protection Agency ordered the evacuation of five villages.",
     "The evacuation of five villages was ordered by the provincial governor, Ilse Marrow.", ("contradict", "entity")),
    ("Chief financial officer Tomas Brenk will lead the review.",
     "The review will be led by chief operating officer Mirela Sand.", ("contradict", "entity")),
    ("Prime Minister Aurel Daskin declared the town a disaster area on Wednesday.",
     "The town was declared a disaster area on Wednesday by Governor Ilsa Marrow.", ("contradict", "entity")),
    # the same doer, told both ways; other acts; a doer that is no name or title
    ("The Civil Protection Agency ordered the evacuation of five villages.",
     "The evacuation of five villages was ordered by the national Civil Protection Agency.", ("agree", None)),
    ("The Civil Protection Agency ordered the evacuation of five villages.",
     "The evacuation of five villages was carried out by the army.", ("agree", None)),
    ("Officials said the man who led the group had fled the village.",
     "The group was led by a local farmer who fled the village.", ("agree", None)),
])
def test_who_did_it(a, b, expected):
    assert verdict(a, b) == expected


@pytest.mark.parametrize("a, b", [
    ("The evacuation of five villages was ordered by the police.",
     "The evacuation of five villages was ordered by the authorities."),
    ("The inquiry will be led by a senior judge.", "The inquiry will be led by an independent panel."),
])
def test_a_passive_doer_without_a_name_or_title_is_no_conflict(a, b):
    assert verdict(a, b) == ("agree", None)



@pytest.mark.parametrize("a, b", [
    # a time after the "by" of the passive is not the doer's
    ("A state of emergency was declared by the governor on Friday evening.",
     "A state of emergency was declared by the governor at 8 p.m. on Friday."),
    # ... nor is one before the doer of the active verb
    ("Late on Friday the governor ordered the evacuation of the town.", "The governor ordered the evacuation of the town."),
    ("Early on Monday the club appointed a new manager.", "The club appointed a new manager."),
])
def test_a_time_beside_the_doer_is_not_the_doer(a, b):
    assert verdict(a, b) == ("agree", None)


@pytest.mark.parametrize("a, b, expected", [
    # the subject of a passive is what was done to, not the doer ...
    ("On Wednesday Kellby was declared a disaster area.", "Governor Ilsa Marrow declared Kellby a disaster area.",
     ("agree", None)),
    # ... whose "by" may follow what it was declared or appointed
    ("Kellby was declared a disaster area by Governor Ilsa Marrow.",
     "Prime Minister Aurel Daskin declared Kellby a disaster area.", ("contradict", "entity")),
    # (a deadline is no doer)
    ("The firm was ordered to repay the loan by Friday.", "A judge ordered the firm to repay the loan by Friday.",
     ("agree", None)),
])
def test_a_passive_is_read_as_a_passive(a, b, expected):
    assert verdict(a, b) == expected


@pytest.mark.parametrize("a, b", [
    # a word capitalised only as the first of the sentence is no name or title
    ("Officials ordered the evacuation of the town.", "Police ordered the evacuation of the town."),
    ("Heavy rain led the organisers to call off the match.", "Waterlogging led the organisers to call off the match."),
])
def test_a_doer_capitalised_only_to_begin_the_sentence_is_no_name(a, b):
    assert verdict(a, b) == ("agree", None)


@pytest.mark.parametrize("a, b", [
    ("The chain stopped accepting gift cards on Monday.", "Gift cards will be accepted for the next 14 days."),
    ("The plant has ceased producing the drug.", "The plant is still producing the drug."),
    ("The chief executive is refusing to quit.", "The chief executive has quit."),
    ("The council is denying that it paid the ransom.", "The council paid the ransom."),
])
def test_refusing_and_denying_deny(a, b):
    assert verdict(a, b) == ("contradict", "negation")


@pytest.mark.parametrize("a, b", [
    # "following", "during", "pending", "including" end in -ing but are no gerunds
    ("Play was stopped following a clash of heads.", "Play was halted after a clash of heads."),
    ("Trains were stopped during the storm.", "Trains were halted in the storm."),
    ("Work on the site was stopped pending an inquiry.", "Work on the site was halted while an inquiry takes place."),
    ("The new line has 12 stops including the airport.", "The new line has 12 stations including the airport."),
])
def test_stopped_before_a_preposition_in_ing_denies_nothing(a, b):
    assert verdict(a, b) == ("agree", None)


@pytest.mark.parametrize("published_a, published_b, b, expected", [
    # what a later report dates after the denial was published is news since, not a conflict
    ("2025-11-09", "2025-11-12", "Two men were arrested on Monday in connection with the theft.", ("agree", None)),
    ("2025-11-18", "2025-11-19", "The prosecutor said on Wednesday it had opened an inquiry into the theft.",
     ("agree", None)),
    # ... unlike what it dates before, or plans after its own publication
    ("2025-11-09", "2025-11-12", "Two men were arrested on Saturday in connection with the theft.",
     ("contradict", "negation")),
    ("2025-11-09", "2025-11-12", "Two men were arrested in connection with the theft.", ("contradict", "negation")),
    ("2025-11-12", "2025-11-09", "Two men were arrested on Monday in connection with the theft.",
     ("contradict", "negation")),
])
def test_a_denial_and_what_happened_since(published_a, published_b, b, expected):
    a = {"2025-11-09": "No arrests have been made in connection with the theft.",
         "2025-11-12": "No arrests have been made in connection with the theft.",
         "2025-11-18": "The prosecutor said it had not opened an inquiry into the theft."}[published_a]
    v = judge_pair(claim(a, published=published_a, article="a"), claim(b, published=published_b, article="b"),
                   similarity=0.95)
    assert (v.label.value, v.type.value if v.type else None) == expected


def test_an_update_keeps_the_time_an_occurrence_verb_gives():
    b = "The death toll from the tornado that struck the town late on Tuesday night rose to five on Thursday."
    assert verdict("The tornado struck the town just after 1am on Wednesday.", b, 0.93) == ("contradict", "temporal")
    # the figure's own later time is no conflict
    assert verdict("The tornado struck the town late on Tuesday night.", b, 0.93) == ("agree", None)


def test_an_update_keeps_the_day_an_occurrence_verb_gives_after_a_clock_time():
    # the stops of "p.m." end no clause
    b = "The death toll from the tornado that struck at 11 p.m. on Tuesday rose to five on Thursday."
    assert verdict("The tornado struck the town on Wednesday.", b, 0.93) == ("contradict", "temporal")


def test_only_verb_slots_are_loose():
    """Places by direction or by name, and doers, conflict only on a close match: the
    pipeline need not judge loosely matched pairs for them."""
    from coverage.judge import _judged_parts, loose_slots

    assert loose_slots(_judged_parts(claim("The fire started in a warehouse.")))
    for text in ("Cracks were found at the western end of the span.", "A fire hit the Hensol substation.",
                 "The Civil Protection Agency ordered the evacuation."):
        parts = _judged_parts(claim(text))
        assert parts[3] and not loose_slots(parts)
