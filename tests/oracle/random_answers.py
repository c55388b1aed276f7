#!/usr/bin/python3
"""Random but valid socassess answers files, for the scoring oracle.

    random_answers.py MODEL.yaml QUESTIONNAIRE.yaml SEED [--json]

prints one answers file (YAML, or JSON with --json) for the
questionnaire. The same seed gives the same file. Each file draws its
own mix: a random profile; values among each question's options (with
modes that favour the lowest, the highest or, for gated models, the
pass mark); some questions unanswered (left out, or listed without a
value) and some N/A with a comment; now and then an answer to a
question outside the profile (ignored, with a warning); importance
overrides (none among them) and target overrides (whole and fractional
levels), or none at all. Values are sometimes written 1.0 for 1, and
in JSON files sometimes as strings ("0.5"), which the loader accepts.
"""

import json
import random
import sys

import yaml

sys.path.insert(0, __import__("os").path.dirname(__file__))
from score_oracle import Model, Questionnaire, load_file  # noqa: E402


def generate(model, quest, seed, as_json=False):
    """One answers file as a dict; as_json allows what only JSON files
    carry (numbers written as strings)."""
    rnd = random.Random(seed)
    prof_id = rnd.choice(sorted(model.profiles))
    prof = model.profiles[prof_id]

    p_unanswered = rnd.choice([0, 0, 0.1, 0.3, 0.6, 0.95])
    p_na = rnd.choice([0, 0.05, 0.2, 0.5])
    p_foreign = rnd.choice([0, 0, 0.3])
    mode = rnd.choice(["uniform", "uniform", "low", "high", "pass", "top"])
    # Some files leave whole areas out, so areas without a score occur.
    skipped_areas = {a for a in model.areas if rnd.random() < 0.1}

    out = {"assessment": {"questionnaire": quest.id, "profile": prof_id}}
    if rnd.random() < 0.5:
        out["assessment"].update({
            "organisation": "Org %d" % seed,
            "assessor": "A. Assessor",
            "date": "2026-%02d-%02d" % (rnd.randint(1, 12),
                                         rnd.randint(1, 28)),
            "type": rnd.choice(["quick-scan", "baseline", "progress",
                                "scoped"]),
            "style": rnd.choice(["self", "guided", "third-party"]),
        })

    areas = sorted(model.areas)
    if model.importance and rnd.random() < 0.6:
        names = sorted(model.importance)
        picked = rnd.sample(areas, rnd.randint(1, len(areas)))
        out["importance"] = [{"area": a, "importance": rnd.choice(names)}
                             for a in picked]
    if rnd.random() < 0.6:
        picked = rnd.sample(areas, rnd.randint(1, len(areas)))
        targets = []
        for a in picked:
            if rnd.random() < 0.6:
                lv = rnd.randint(0, model.max_level)
            else:
                lv = round(rnd.uniform(0, model.max_level),
                           rnd.choice([1, 2]))
            if as_json and rnd.random() < 0.2:
                lv = str(lv)                 # JSON: a level as a string
            targets.append({"area": a, "level": lv})
        out["targets"] = targets

    answers = []
    for q in quest.questions:
        applies = (q["area"] not in prof["not_applicable"] and
                   (q["profiles"] is None or prof_id in q["profiles"]))
        if not applies and rnd.random() >= p_foreign:
            continue
        r = rnd.random()
        if applies and (q["area"] in skipped_areas or r < p_unanswered):
            # Unanswered: left out, or listed without a value.
            how = rnd.random()
            if how < 0.6:
                continue
            item = {"id": q["id"]}
            if how < 0.7:
                item["comment"] = "To be asked again"
            elif how < 0.8 and as_json:
                # JSON null only: the YAML loader refuses `value: null`
                # ("value 'null' ... is not a number"), reported.
                item["value"] = None
            elif how < 0.9:
                item["na"] = False
            answers.append(item)
            continue
        if rnd.random() < p_na:
            answers.append({"id": q["id"], "na": True,
                            "comment": "Not run here"})
            continue
        values = [o[0] for o in q["options"]]
        if mode == "low":
            v = values[min(len(values) - 1, int(rnd.expovariate(1.5)))]
        elif mode == "high":
            v = values[max(0, len(values) - 1 - int(rnd.expovariate(1.5)))]
        elif mode == "top":
            v = values[-1] if rnd.random() < 0.9 else rnd.choice(values)
        elif mode == "pass":
            near = [x for x in values
                    if abs(x - model.pass_mark) < 1e-9] or values
            v = rnd.choice(near) if rnd.random() < 0.6 else rnd.choice(values)
        else:
            v = rnd.choice(values)
        item = {"id": q["id"], "value": int(v) if v == int(v) else v}
        r = rnd.random()
        if r < 0.05:
            item["value"] = float(v)        # 1.0 for the option 1
        elif r < 0.1 and as_json:
            item["value"] = repr(float(v))  # a number as a JSON string
        if rnd.random() < 0.2:
            item["comment"] = "Seen on site"
            item["evidence"] = ["doc-%d.pdf" % rnd.randint(1, 99)]
        if rnd.random() < 0.1:
            item["na"] = False
        answers.append(item)
    rnd.shuffle(answers)
    out["answers"] = answers
    return out


def dump(doc, as_json):
    if as_json:
        return json.dumps(doc, indent=1) + "\n"
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True,
                          default_flow_style=False)


def main(argv):
    args = [a for a in argv[1:] if a != "--json"]
    if len(args) != 3:
        sys.stderr.write("usage: random_answers.py MODEL QUESTIONNAIRE "
                         "SEED [--json]\n")
        return 2
    doc = generate(Model(load_file(args[0])),
                   Questionnaire(load_file(args[1])), int(args[2]),
                   "--json" in argv)
    sys.stdout.write(dump(doc, "--json" in argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
