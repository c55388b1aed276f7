#!/usr/bin/python3
"""The Python peer of `make bench`: the same job as `socassess score`
done the way a short script would do it, to compare against.

    python-peer.py DATA_DIR OUT_DIR|- ANSWERS...

Reads each answers file with PyYAML's C loader (yaml.CSafeLoader, via
the scoring oracle's loader, which only narrows the booleans), scores
it by the rules of docs/scoring.md (tests/oracle/score_oracle.py, the
independent oracle the tests check socassess against) and, unless
OUT_DIR is '-', writes one JSON report per file into OUT_DIR, named
after the file (site-00001.yaml -> site-00001.json), with json.dumps
(compact, so that Python's C encoder does the work).
Each questionnaire named and its model are loaded once, on first use.

What it leaves out, so the comparison favours it: the checks of
socassess (unknown keys, places of errors, option values), the report's
question texts and recommendations' wording, atomic replacement and
fsync of the reports.
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "oracle"))

import yaml  # noqa: E402

if not hasattr(yaml, "CSafeLoader"):
    sys.stderr.write("python-peer: PyYAML has no C loader (libyaml)\n")
    sys.exit(3)

from score_oracle import (Model, Questionnaire, _plain,  # noqa: E402
                          load_file, score)


class Definitions:
    """Questionnaires by id, with their models, loaded when first named."""

    def __init__(self, data_dir):
        self.data_dir = data_dir
        self.paths = None
        self.loaded = {}

    def _index(self):
        # Questionnaire files are named after their id (NAME.yaml).
        qdir = os.path.join(self.data_dir, "questionnaires")
        self.paths = {f[:-5]: os.path.join(qdir, f)
                      for f in os.listdir(qdir) if f.endswith(".yaml")}

    def get(self, qid):
        if qid not in self.loaded:
            if self.paths is None:
                self._index()
            quest_raw = load_file(self.paths[qid])
            model = Model(load_file(os.path.join(
                self.data_dir, "models", quest_raw["model"] + ".yaml")))
            self.loaded[qid] = (model, Questionnaire(quest_raw))
        return self.loaded[qid]


def main(argv):
    if len(argv) < 4:
        sys.stderr.write("usage: python-peer.py DATA_DIR OUT_DIR|- "
                         "ANSWERS...\n")
        return 2
    defs = Definitions(argv[1])
    out_dir = None if argv[2] == "-" else argv[2]
    for path in argv[3:]:
        answers = load_file(path)
        model, quest = defs.get(answers["assessment"]["questionnaire"])
        result = _plain(score(model, quest, answers))
        if out_dir is not None:
            name = os.path.splitext(os.path.basename(path))[0] + ".json"
            with open(os.path.join(out_dir, name), "w",
                      encoding="utf-8") as f:
                # json.dumps without indent runs in C; json.dump and
                # indent=2 would run in Python, 3 to 4 times slower.
                f.write(json.dumps(result))
                f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
