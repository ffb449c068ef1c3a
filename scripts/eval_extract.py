#!/usr/bin/python3
"""Score a chartscan export (JSON lines) against generator ground truth (truth.jsonl).

    /usr/bin/python3 scripts/eval_extract.py --truth DIR/truth.jsonl --pred export.jsonl [--json] [--show-values]
    /usr/bin/python3 scripts/eval_extract.py --selftest

Documents are joined on "source" (relative path, "/" separators; a leading "./" and
backslashes are tolerated).  Rules:
  * a predicted field is the object's "normalized" (falls back to "value" when
    "normalized" is absent); a field object or value that is null/absent/"" = not found;
  * values are compared after case-folding and collapsing whitespace;
  * correct -> TP; predicted where truth is null -> FP; truth present but not predicted
    -> FN; wrong value -> FP and FN.  Documents missing from the prediction count their
    truth fields as FN (and are listed);
  * doc_type accuracy is over all truth documents (a missing document is wrong);
  * linkage: pairwise over all truth documents; predicted "same" = equal non-null
    patient_id (null patient_id or missing document = singleton); true "same" = equal
    patient_key.  wrong_merges = document pairs of different patients put together;
  * silent errors = wrong/false-positive field values in documents whose needs_review
    is false (absent counts as false).
Prediction rows whose source is not in the truth are reported as "extra" and ignored.
Exit status is 0 unless an input cannot be read/parsed (then 2).
"""
import argparse
import json
import re
import sys
from collections import Counter

FIELDS = ["patient_name", "date_of_birth", "mrn", "sex", "encounter_date", "provider"]


def norm_src(s):
    s = str(s).replace("\\", "/")
    while s.startswith("./"):
        s = s[2:]
    return s


def canon(v):
    if v is None:
        return None
    v = re.sub(r"\s+", " ", str(v)).strip().casefold()
    return v or None


def pred_value(f):
    if f is None:
        return None
    if isinstance(f, dict):
        v = f.get("normalized")
        if v is None:
            v = f.get("value")
        return canon(v)
    return canon(f)


def load_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except ValueError as e:
                raise ValueError("%s:%d: %s" % (path, n, e))
    return rows


def pairs(n):
    return n * (n - 1) // 2


def evaluate(truth_rows, pred_rows):
    truth = {}
    for t in truth_rows:
        truth[norm_src(t["source"])] = t
    pred = {}
    extra = []
    for p in pred_rows:
        s = norm_src(p.get("source", ""))
        if s in truth:
            pred[s] = p
        else:
            extra.append(s)
    missing = sorted(s for s in truth if s not in pred)

    fields = {f: {"tp": 0, "fp": 0, "fn": 0} for f in FIELDS}
    silent = []
    wrong_values = []
    type_ok = 0
    confusion = Counter()
    type_mistakes = []
    flagged = 0
    for s in sorted(truth):
        t = truth[s]
        p = pred.get(s)
        pf = (p or {}).get("fields") or {}
        review = bool((p or {}).get("needs_review", False))
        if p is not None and review:
            flagged += 1
        for f in FIELDS:
            tv = canon((t.get("fields") or {}).get(f))
            pv = pred_value(pf.get(f)) if p is not None else None
            c = fields[f]
            if pv is not None and pv == tv:
                c["tp"] += 1
                continue
            if pv is not None:
                c["fp"] += 1
                item = {"source": s, "field": f, "truth": (t.get("fields") or {}).get(f),
                        "pred": pf.get(f).get("normalized", pf.get(f).get("value")) if isinstance(pf.get(f), dict) else pf.get(f)}
                wrong_values.append(item)
                if not review:
                    silent.append(item)
            if tv is not None:
                c["fn"] += 1
        pt = (p or {}).get("doc_type") if p is not None else "<missing>"
        if pt == t.get("doc_type"):
            type_ok += 1
        else:
            confusion["%s -> %s" % (t.get("doc_type"), pt)] += 1
            type_mistakes.append({"source": s, "truth": t.get("doc_type"), "pred": pt})
    for c in fields.values():
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        c["precision"] = tp / (tp + fp) if tp + fp else None
        c["recall"] = tp / (tp + fn) if tp + fn else None
        pr, rc = c["precision"], c["recall"]
        c["f1"] = (2 * pr * rc / (pr + rc) if pr is not None and rc is not None and pr + rc > 0 else
                   (0.0 if pr is not None or rc is not None else None))
    # linkage via contingency counts
    cell, pcount, tcount = Counter(), Counter(), Counter()
    singleton = 0
    for s in sorted(truth):
        tk = truth[s].get("patient_key")
        tcount[tk] += 1
        pid = (pred.get(s) or {}).get("patient_id")
        if pid is None:
            singleton += 1
            continue
        pid = json.dumps(pid)
        pcount[pid] += 1
        cell[(pid, tk)] += 1
    tp_pairs = sum(pairs(n) for n in cell.values())
    pred_pairs = sum(pairs(n) for n in pcount.values())
    true_pairs = sum(pairs(n) for n in tcount.values())
    linkage = {"true_pairs": true_pairs, "pred_pairs": pred_pairs, "correct_pairs": tp_pairs,
               "precision": tp_pairs / pred_pairs if pred_pairs else None,
               "recall": tp_pairs / true_pairs if true_pairs else None,
               "wrong_merges": pred_pairs - tp_pairs, "missed_pairs": true_pairs - tp_pairs,
               "unlinked_docs": singleton, "pred_patients": len(pcount), "true_patients": len(tcount)}
    ntruth = len(truth)
    return {
        "documents": ntruth, "predicted": len(pred), "missing": missing, "extra": sorted(extra),
        "fields": fields,
        "micro": _micro(fields),
        "doc_type": {"correct": type_ok, "total": ntruth, "accuracy": type_ok / ntruth if ntruth else None,
                     "confusion": dict(sorted(confusion.items())), "mistakes": type_mistakes},
        "linkage": linkage,
        "silent_errors": {"count": len(silent), "items": silent},
        "wrong_values": len(wrong_values),
        "flagged": {"count": flagged, "share": flagged / len(pred) if pred else None},
        "_wrong_values": wrong_values,
    }


def _micro(fields):
    tp = sum(c["tp"] for c in fields.values())
    fp = sum(c["fp"] for c in fields.values())
    fn = sum(c["fn"] for c in fields.values())
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p and r else 0.0}


def fmt(x):
    return "   -  " if x is None else "%.3f" % x


def report(res, show_values=False, out=sys.stdout):
    w = out.write
    w("documents: %d in truth, %d predicted, %d missing, %d extra (ignored)\n" %
      (res["documents"], res["predicted"], len(res["missing"]), len(res["extra"])))
    w("\n%-15s %6s %6s %6s %6s %6s %6s\n" % ("field", "prec", "recall", "F1", "TP", "FP", "FN"))
    for f in FIELDS:
        c = res["fields"][f]
        w("%-15s %6s %6s %6s %6d %6d %6d\n" % (f, fmt(c["precision"]), fmt(c["recall"]), fmt(c["f1"]), c["tp"], c["fp"], c["fn"]))
    m = res["micro"]
    w("%-15s %6s %6s %6s %6d %6d %6d\n" % ("(all fields)", fmt(m["precision"]), fmt(m["recall"]), fmt(m["f1"]), m["tp"], m["fp"], m["fn"]))
    d = res["doc_type"]
    w("\ndoc_type accuracy: %s (%d/%d)\n" % (fmt(d["accuracy"]), d["correct"], d["total"]))
    for k, n in d["confusion"].items():
        w("  %-45s %d\n" % (k, n))
    L = res["linkage"]
    w("\nlinkage (pairwise): precision %s recall %s  correct %d / predicted %d / true %d pairs\n" %
      (fmt(L["precision"]), fmt(L["recall"]), L["correct_pairs"], L["pred_pairs"], L["true_pairs"]))
    w("  wrongly merged pairs (different patients): %d   missed pairs: %d   unlinked docs: %d   patients pred/true: %d/%d\n" %
      (L["wrong_merges"], L["missed_pairs"], L["unlinked_docs"], L["pred_patients"], L["true_patients"]))
    fl = res["flagged"]
    w("\nflagged for review: %d (%s of predicted documents)\n" % (fl["count"], fmt(fl["share"])))
    w("wrong field values (incl. false positives): %d\n" % res["wrong_values"])
    se = res["silent_errors"]
    w("silent errors (wrong values in documents not flagged): %d\n" % se["count"])
    for it in se["items"]:
        if show_values:
            w("  %s  %s  truth=%r pred=%r\n" % (it["source"], it["field"], it["truth"], it["pred"]))
        else:
            w("  %s  %s\n" % (it["source"], it["field"]))
    if res["missing"]:
        w("\nmissing from prediction:\n")
        for s in res["missing"]:
            w("  %s\n" % s)


def public(res, show_values):
    r = dict(res)
    r.pop("_wrong_values", None)
    if not show_values:
        r["silent_errors"] = {"count": res["silent_errors"]["count"],
                              "items": [{"source": i["source"], "field": i["field"]} for i in res["silent_errors"]["items"]]}
    return r


def selftest():
    truth = [
        {"source": "a.tif", "doc_type": "lab_report", "patient_key": "P1",
         "fields": {"patient_name": "Jane Q Doe", "date_of_birth": "1962-03-14", "mrn": "00482913", "sex": "F",
                    "encounter_date": "2021-03-02", "provider": "Alan Smith"}},
        {"source": "b.tif", "doc_type": "progress_note", "patient_key": "P1",
         "fields": {"patient_name": "Jane Doe", "date_of_birth": "1962-03-14", "mrn": None, "sex": "F",
                    "encounter_date": "2020-01-05", "provider": None}},
        {"source": "c.pdf", "doc_type": "consent_form", "patient_key": "P2",
         "fields": {"patient_name": "Jane Q Doe", "date_of_birth": "1970-01-01", "mrn": "MR1", "sex": "F",
                    "encounter_date": "2019-05-05", "provider": None}},
        {"source": "d.png", "doc_type": "other", "patient_key": "P3",
         "fields": {"patient_name": "Bob Roe", "date_of_birth": "1980-02-02", "mrn": "7", "sex": "M",
                    "encounter_date": None, "provider": None}},
    ]

    def f(v):
        return {"value": v, "normalized": v, "confidence": 0.9, "page": 1, "bbox": [0, 0, 0, 0]}
    pred = [
        # a: all correct (case/whitespace differences), flagged
        {"source": "./a.tif", "doc_type": "lab_report", "patient_id": 1, "needs_review": True,
         "fields": {"patient_name": f("JANE  Q DOE"), "date_of_birth": f("1962-03-14"), "mrn": f("00482913"),
                    "sex": f("f"), "encounter_date": f("2021-03-02"), "provider": f("alan smith")}},
        # b: mrn FP (truth null), encounter wrong (FP+FN), provider missing (truth null: nothing), not flagged
        {"source": "b.tif", "doc_type": "lab_report", "patient_id": 1, "needs_review": False,
         "fields": {"patient_name": f("Jane Doe"), "date_of_birth": f("1962-03-14"), "mrn": f("123"),
                    "sex": f("F"), "encounter_date": f("2020-01-06"), "provider": None}},
        # c: merged with P1 (wrong), dob missing (FN), unnormalised value only
        {"source": "c.pdf", "doc_type": "consent_form", "patient_id": 1, "needs_review": False,
         "fields": {"patient_name": {"value": "Jane Q Doe"}, "mrn": f("MR1"), "sex": f("F"),
                    "encounter_date": f("2019-05-05")}},
        {"source": "zzz.tif", "doc_type": "other", "patient_id": 9, "fields": {}},
        # d.png missing entirely
    ]
    r = evaluate(truth, pred)
    F = r["fields"]
    assert F["patient_name"] == {**F["patient_name"], "tp": 3, "fp": 0, "fn": 1}, F["patient_name"]
    assert (F["date_of_birth"]["tp"], F["date_of_birth"]["fp"], F["date_of_birth"]["fn"]) == (2, 0, 2)
    assert (F["mrn"]["tp"], F["mrn"]["fp"], F["mrn"]["fn"]) == (2, 1, 1)
    assert (F["sex"]["tp"], F["sex"]["fp"], F["sex"]["fn"]) == (3, 0, 1)
    assert (F["encounter_date"]["tp"], F["encounter_date"]["fp"], F["encounter_date"]["fn"]) == (2, 1, 1)
    assert (F["provider"]["tp"], F["provider"]["fp"], F["provider"]["fn"]) == (1, 0, 0)
    assert abs(F["mrn"]["precision"] - 2 / 3) < 1e-9 and abs(F["mrn"]["recall"] - 2 / 3) < 1e-9
    assert r["doc_type"]["correct"] == 2 and r["doc_type"]["total"] == 4
    assert r["doc_type"]["confusion"] == {"other -> <missing>": 1, "progress_note -> lab_report": 1}
    L = r["linkage"]
    # truth pairs: (a,b) only; predicted pairs: (a,b),(a,c),(b,c); d singleton (missing)
    assert (L["true_pairs"], L["pred_pairs"], L["correct_pairs"], L["wrong_merges"]) == (1, 3, 1, 2), L
    assert abs(L["precision"] - 1 / 3) < 1e-9 and L["recall"] == 1.0
    assert r["missing"] == ["d.png"] and r["extra"] == ["zzz.tif"]
    assert r["silent_errors"]["count"] == 2
    assert sorted((i["source"], i["field"]) for i in r["silent_errors"]["items"]) == [("b.tif", "encounter_date"), ("b.tif", "mrn")]
    assert r["flagged"]["count"] == 1 and abs(r["flagged"]["share"] - 1 / 3) < 1e-9
    json.dumps(public(r, False))
    print("selftest OK")
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description="Score a chartscan export against truth.jsonl")
    ap.add_argument("--truth")
    ap.add_argument("--pred")
    ap.add_argument("--json", action="store_true", help="print all figures as one JSON object")
    ap.add_argument("--show-values", action="store_true", help="print truth/predicted values of silent errors")
    ap.add_argument("--selftest", action="store_true")
    a = ap.parse_args(argv)
    if a.selftest:
        return selftest()
    if not a.truth or not a.pred:
        ap.error("--truth and --pred are required")
    try:
        truth = load_jsonl(a.truth)
        pred = load_jsonl(a.pred)
        for t in truth:
            t["source"]
        res = evaluate(truth, pred)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        print("eval_extract: cannot read inputs: %s" % e, file=sys.stderr)
        return 2
    if a.json:
        print(json.dumps(public(res, a.show_values), indent=None, sort_keys=True))
    else:
        report(res, a.show_values)
    return 0


if __name__ == "__main__":
    sys.exit(main())
