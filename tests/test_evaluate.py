import json
from pathlib import Path

import pytest

from coverage.evaluate import gold_pairs, score_pack

PACKS = sorted((Path(__file__).resolve().parents[2] / "shared" / "data" / "events").glob("*.json"))
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "data" / "kadhemi-drone-attack.json"


def gold_submission(pack):
    texts = {a["id"]: a["text"] for a in pack["articles"]}
    gold = gold_pairs(pack)
    claims, ids = [], {}
    for n, (article, start, end) in enumerate(gold["quotes"]):
        ids[(article, start, end)] = f"q{n}"
        claims.append({"claim_id": f"q{n}", "article": article, "start": start, "end": end})
    relations = []
    for x, y in gold["alignment"]:
        kind = gold["contradiction"].get((x, y))
        relations.append({"claim_a": ids[x], "claim_b": ids[y],
                          "relation": "contradict" if kind else "agree", "type": kind})
    assert texts
    return claims, relations


@pytest.mark.parametrize("path", PACKS + [EXAMPLE], ids=lambda p: p.stem)
def test_gold_submission_scores_perfectly(path):
    pack = json.loads(path.read_text(encoding="utf-8"))
    claims, relations = gold_submission(pack)
    score = score_pack(pack, claims, relations)
    assert (score.alignment_f1, score.contradiction_f1, score.false_alarm_rate, score.type_accuracy) == (1.0, 1.0, 0.0, 1.0)


def test_all_pairs_agree_baseline_has_low_precision(example_pack):
    from coverage.segment import sentence_spans

    claims = []
    for a in example_pack["articles"]:
        for n, (s, e) in enumerate(sentence_spans(a["text"])):
            claims.append({"claim_id": f"{a['id']}-{n}", "article": a["id"], "start": s, "end": e})
    relations = [{"claim_a": x["claim_id"], "claim_b": y["claim_id"], "relation": "agree"}
                 for i, x in enumerate(claims) for y in claims[i + 1:] if x["article"] != y["article"]]
    score = score_pack(example_pack, claims, relations)
    assert score.alignment_recall > 0.9
    assert score.alignment_precision < 0.1
    assert score.contradiction_f1 == 0.0


def test_wrong_type_counts_against_type_accuracy(example_pack):
    claims, relations = gold_submission(example_pack)
    for r in relations:
        if r["relation"] == "contradict":
            r["type"] = "numeric" if r["type"] != "numeric" else "temporal"
    assert score_pack(example_pack, claims, relations).type_accuracy == 0.0


def test_claims_that_cover_too_much_do_not_match(example_pack):
    claims = [{"claim_id": a["id"], "article": a["id"], "start": 0, "end": len(a["text"])}
              for a in example_pack["articles"]]
    relations = [{"claim_a": x["claim_id"], "claim_b": y["claim_id"], "relation": "contradict", "type": "numeric"}
                 for i, x in enumerate(claims) for y in claims[i + 1:]]
    score = score_pack(example_pack, claims, relations)
    assert score.alignment_recall == 0.0 and score.false_alarm_rate == 0.0
