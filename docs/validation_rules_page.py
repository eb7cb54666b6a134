#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes docs/validation-rules.md from the rule registry, as the built binary reports it:
#   python3 docs/validation_rules_page.py build/app/kstudio > docs/validation-rules.md
# and checks that every KS_RULE line of sim/validate/rules.def is on the page.
import json
import pathlib
import re
import subprocess
import sys

binary = sys.argv[1] if len(sys.argv) > 1 else "build/app/kstudio"
root = pathlib.Path(__file__).resolve().parent.parent
rules = json.loads(subprocess.run([binary, "validate", "--list-rules", "--format", "json"],
                                  check=True, capture_output=True, text=True).stdout)["rules"]
rules.sort(key=lambda r: r["id"])

defined = re.findall(r"^KS_RULE\((\w+)\)", (root / "sim/validate/rules.def").read_text(), re.M)
kebab = {re.sub(r"(?<!^)([A-Z])", r"-\1", name).lower() for name in defined}
missing = kebab - {r["id"] for r in rules}
if missing:
    sys.exit("rules.def names rules the binary does not list: " + ", ".join(sorted(missing)))


def applies(kinds):
    return "every kind" if kinds == "*" else ("workloads (pod templates)" if kinds == "@workload"
                                              else kinds.replace(",", ", "))


out = []
out.append("# Validation rules\n")
out.append("Every rule of `kstudio validate` and of the studio's Findings panel, generated from the rule")
out.append("registry (`sim/validate/rules.def`) with `python3 docs/validation_rules_page.py build/app/kstudio`.")
out.append("`kstudio validate --list-rules` prints the same text; `--list-rules --format json` as JSON.\n")
out.append("- **Severity**: `error` findings make `kstudio validate` exit with 1 (the API server would refuse")
out.append("  the object, or it cannot work); `warning` and `info` do not. `--severity RULE=LEVEL` changes a")
out.append("  rule's severity, `--disable RULE` turns it off, `--min-severity` hides the lower levels.")
out.append("- The severity below is each rule's default. `pod-security-baseline` and `pod-security-restricted`")
out.append("  take theirs from the namespace's `pod-security.kubernetes.io/*` labels (`enforce` at or above the")
out.append("  level makes a violation an error, `warn`/`audit` a warning). A `.kstudio` project can store rule")
out.append("  settings in `design.json` (`\"rules\": {\"disabled\": [...], \"severities\": {...}}`); the flags apply on top.")
out.append("- **Silencing one object**: the annotation `ignore-check.kstudio.dev/<rule-id>: \"<reason>\"`")
out.append("  (or `kstudio.dev/ignore-all: \"<reason>\"` for every rule).")
known = {"schema": "what the API server refuses",
         "api-version": "checked against `--k8s-version`, default 1.33",
         "reference": "links between the objects of the design",
         "practice": "works, but is risky"}
families = sorted({r["family"] for r in rules})
out.append("- **Family**: " + "; ".join(f"`{f}` ({known[f]})" if f in known else f"`{f}`" for f in families)
           + ".\n")
out.append(f"{len(rules)} rules.\n")
out.append("| Rule | Severity | Family | Applies to | Meaning |")
out.append("|---|---|---|---|---|")
for r in rules:
    out.append(f"| [`{r['id']}`](#{r['id']}) | {r['severity']} | {r['family']} | {applies(r['kinds'])} | {r['summary']} |")
out.append("")
for r in rules:
    out.append(f"## {r['id']}\n")
    out.append(f"{r['summary']}. Severity **{r['severity']}**, family {r['family']}, applies to {applies(r['kinds'])}.\n")
    out.append(f"**Why.** {r['why']}\n")
    out.append(f"**Fix.** {r['fix']}\n")
    if r.get("docUrl"):
        out.append(f"**See.** <{r['docUrl']}>\n")
sys.stdout.write("\n".join(out))
