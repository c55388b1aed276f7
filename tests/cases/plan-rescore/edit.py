# What a person does to the plan between assessments: owner, due,
# status and notes on two items (notes with a quote, a newline, a colon
# and a "#", which must survive as text).
import sys
s = open("plan.yaml").read()
s = s.replace('''  - id: "b1.x@1"
    area: "b1"
    action: "O1"
    priority: 1
    status: "open"''', '''  - id: "b1.x@1"
    area: "b1"
    action: "O1"
    priority: 1
    status: done
    owner: "Kim Berg"''')
s = s.replace('''    effort: "low"
    status: "open"''', '''    effort: "low"
    status: in-progress
    owner: Ops
    due: 2026-06-30
    notes: "Waiting for \\"budget\\": # two\\nsecond line"''')
open("plan.yaml", "w").write(s)
