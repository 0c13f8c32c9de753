import math
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coverage
from coverage import CoverageError

GOOD = {"text": "Three drones attacked the residence on Sunday.", "outlet": "Wire"}
OTHER = {"text": "Two drones attacked the residence on Sunday.", "outlet": "Daily"}


@pytest.mark.parametrize("articles, error", [
    (None, coverage.EmptyInputError),
    ([], coverage.EmptyInputError),
    ([GOOD], coverage.EmptyInputError),
    ("just a string", coverage.InvalidParameterError),
    (GOOD, coverage.InvalidParameterError),
    (42, coverage.InvalidParameterError),
    ([GOOD, {"text": "   \n ", "outlet": "X"}], coverage.InvalidArticleError),
    ([GOOD, {"text": "", "outlet": "X"}], coverage.InvalidArticleError),
    ([GOOD, {"text": 12, "outlet": "X"}], coverage.InvalidArticleError),
    ([GOOD, {"text": b"bytes", "outlet": "X"}], coverage.InvalidArticleError),
    ([GOOD, {"text": "Fine text here."}], coverage.InvalidArticleError),
    ([GOOD, {"text": "Fine text here.", "outlet": None}], coverage.InvalidArticleError),
    ([GOOD, {"text": "Fine text here.", "outlet": "X", "published": "not a date"}], coverage.InvalidArticleError),
    ([{**GOOD, "id": "x"}, {**OTHER, "id": "x"}], coverage.DuplicateIdError),
    ([GOOD, "not a record"], coverage.InvalidArticleError),
    ([GOOD, {"text": "\x00\x01\x02\x03 junk \x04\x05\x06\x07\x08" * 50, "outlet": "X"}], coverage.InvalidArticleError),
])
def test_bad_input_raises_coverage_errors(articles, error):
    with pytest.raises(error) as info:
        coverage.compare(articles)
    assert isinstance(info.value, CoverageError)
    assert str(info.value)


@pytest.mark.parametrize("option", [{"threshold": 1.5}, {"threshold": "high"}, {"top_k": 0},
                                    {"top_k": 2.5}, {"split_clauses": "yes"}])
def test_bad_options(option):
    with pytest.raises(coverage.InvalidParameterError, match="parameter of compare"):
        coverage.compare([GOOD, OTHER], **option)


def test_nan_cells_in_a_dataframe():
    frame = pd.DataFrame([
        {**GOOD, "title": math.nan, "published": math.nan, "id": math.nan},
        {**OTHER, "title": "T", "published": "2021-11-08", "id": "b"},
    ])
    report = coverage.compare(frame)
    assert [a.id for a in report.articles] == ["a1", "b"]
    with pytest.raises(coverage.InvalidArticleError):
        coverage.compare(pd.DataFrame([GOOD, {"text": math.nan, "outlet": "X"}]))
    with pytest.raises(coverage.InvalidArticleError, match="columns"):
        coverage.compare(pd.DataFrame([{"body": "x"}, {"body": "y"}]))


def test_duplicate_outlets_are_pooled_with_a_warning():
    with pytest.warns(coverage.CoverageWarning, match="share an outlet"):
        report = coverage.compare([GOOD, {**OTHER, "outlet": "Wire"}])
    assert report.outlets == ["Wire"]
    assert len(report.relations) == 1


def test_non_english_article_is_best_effort_with_a_warning():
    spanish = {"text": "Tres drones atacaron la residencia del primer ministro el domingo por la noche. "
                       "Los guardias resultaron heridos y fueron trasladados al hospital de la ciudad. " * 3,
               "outlet": "El Diario"}
    with pytest.warns(coverage._validation.CoverageWarning, match="English"):
        report = coverage.compare([GOOD, spanish])
    assert len(report.claims) > 0


def test_article_validates_on_creation():
    with pytest.raises(coverage.InvalidArticleError):
        coverage.Article(text="", outlet="X")
    with pytest.raises(coverage.InvalidArticleError):
        coverage.Article(text="ok", outlet="")
    article = coverage.Article(text="ok", outlet="X", published="2021-11-07T10:00:00Z")
    assert str(article.published) == "2021-11-07"


PARAGRAPH = ("The council said the new bridge would open in March. Engineers found 14 cracks "
             "in the old span, officials said. ")


def test_five_megabyte_article_is_refused_quickly_by_default():
    big = PARAGRAPH * (5_000_000 // len(PARAGRAPH))
    with pytest.raises(coverage.InvalidArticleError, match="max_chars"):
        coverage.compare([{"text": big, "outlet": "Huge"}, GOOD])


def test_long_article_within_the_limit_completes():
    big = PARAGRAPH * (200_000 // len(PARAGRAPH))
    report = coverage.compare([{"text": big, "outlet": "Huge"}, GOOD])
    assert len(report.claims) > 2_000


@pytest.mark.slow
def test_five_megabyte_article_completes_without_the_limit():
    big = PARAGRAPH * (5_000_000 // len(PARAGRAPH))
    report = coverage.compare([{"text": big, "outlet": "Huge"}, GOOD], max_chars=None)
    assert len(report.claims) > 80_000


def test_article_without_claims_warns():
    with pytest.warns(coverage.CoverageWarning, match="no claims"):
        coverage.compare([{"text": "PHOTO: REUTERS", "outlet": "A"}, GOOD])


def test_numeric_ids_become_strings_consistently():
    frame = pd.DataFrame([{**GOOD, "id": 7}, {**OTHER, "id": None}])
    assert [a.id for a in coverage.compare(frame).articles] == ["7", "a1"]
    with pytest.raises(coverage.InvalidArticleError):
        coverage.compare([{**GOOD, "id": True}, OTHER])


def test_dates_with_trailing_junk_are_rejected():
    with pytest.raises(coverage.InvalidArticleError):
        coverage.Article(text="x y", outlet="A", published="2021-11-07 garbage here")


def test_html_left_in_text_warns():
    html = "<html><body><p>Three drones attacked the residence.</p><p>Two guards were hurt.</p></body></html>"
    with pytest.warns(coverage.CoverageWarning, match="HTML tags"):
        coverage.compare([{"text": html, "outlet": "A"}, GOOD])


_sample_text = st.text(alphabet=st.sampled_from(list("abZ 1_\n.éßЖ字٣²Ⅻ½İ")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_sample_text)
def test_latin_share_matches_counting_every_letter(sample):
    from coverage._validation import _latin_share

    letters = len(re.findall(r"[^\W\d_]", sample))
    expected = len(re.findall(r"[A-Za-z]", sample)) / letters if letters else 1.0
    assert _latin_share(sample) == expected


def test_a_text_with_unpaired_surrogates_is_rejected_clearly():
    import coverage

    with pytest.raises(coverage.InvalidArticleError, match="surrogate"):
        coverage.compare([{"text": "Police said \ud800 three people died.", "outlet": "A"},
                          {"text": "Police said three people died.", "outlet": "B"}])
