#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Generates the reference pages from the built binary, so that they say what it does:
#   docs/rules/<rule-id>.md and docs/rules/README.md  from `kstudio rules -o json` (the rule
#                                                    registry) and each rule's fixtures
#                                                    (tests/data/validate/<rule-id>/)
#   docs/validation-rules.md                          all rules on one page (validation_rules_page.py)
#   docs/cli.md                                       from `kstudio --help` and `kstudio COMMAND --help`
# Usage:
#   python3 docs/generate.py [build/app/kstudio]          rewrite the pages
#   python3 docs/generate.py --check [build/app/kstudio]  exit 1 if a page is out of date (a test)
import json
import os
import pathlib
import re
import subprocess
import sys

args = sys.argv[1:]
check = "--check" in args
args = [a for a in args if a != "--check"]
root = pathlib.Path(__file__).resolve().parent.parent
binary = os.path.abspath(args[0]) if args else str(root / "build/app/kstudio")
env = dict(os.environ, QT_QPA_PLATFORM="offscreen")


def run(*arguments, ok=(0,)):
    result = subprocess.run([binary, *arguments], capture_output=True, text=True, cwd=root, env=env)
    if result.returncode not in ok:
        sys.exit(f"generate: kstudio {' '.join(arguments)} exited {result.returncode}:\n{result.stderr}")
    return result.stdout


pages = {}  # path relative to root -> text

# --- The rules -------------------------------------------------------------------------------
rules = json.loads(run("rules", "--format", "json"))["rules"]
rules.sort(key=lambda r: r["id"])
families = {"schema": "what the API server refuses",
            "api-version": "API versions checked against `--k8s-version`",
            "reference": "links between the objects of the design",
            "practice": "works, but is risky"}


def applies(kinds):
    return "every kind" if kinds == "*" else ("workloads (pod templates)" if kinds == "@workload"
                                              else ", ".join(f"`{k}`" for k in kinds.split(",")))


def fixture_findings(rule_id, path):
    """The text findings of this rule on one fixture file, as `kstudio validate` prints them."""
    out = run("validate", path, ok=(0, 1, 2))
    return [line for line in out.splitlines() if line.endswith(f"[{rule_id}]")]


for r in rules:
    rid = r["id"]
    lines = [f"# {rid}", "",
             f"{r['summary']}.", "",
             "| Default severity | Family | Applies to |",
             "|---|---|---|",
             f"| {r['severity']} | {r['family']} ({families.get(r['family'], '')}) | {applies(r['kinds'])} |", "",
             "## Why it matters", "", r["why"], "",
             "## How to fix it", "", r["fix"], ""]
    if r.get("docUrl"):
        lines += ["## Kubernetes documentation", "", f"<{r['docUrl']}>", ""]
    fixtures = root / "tests/data/validate" / rid
    bad, good = fixtures / "bad.yaml", fixtures / "good.yaml"
    if bad.exists():
        rel = bad.relative_to(root).as_posix()
        lines += ["## Example", "",
                  f"A design where the rule fires ([`{rel}`](../../{rel}), its test fixture; the "
                  "`# expect:` comments are what the test checks):", "",
                  "<details><summary>bad.yaml</summary>", "", "```yaml", bad.read_text().rstrip("\n"), "```", "",
                  "</details>", "",
                  f"`kstudio validate {rel}` reports (this rule's lines):", "",
                  "```", *fixture_findings(rid, rel), "```", ""]
    if good.exists():
        rel = good.relative_to(root).as_posix()
        lines += [f"And one where it must not fire ([`{rel}`](../../{rel})):", "",
                  "<details><summary>good.yaml</summary>", "", "```yaml", good.read_text().rstrip("\n"), "```", "",
                  "</details>", ""]
    lines += ["## Turning it off or changing its level", "",
              f"- For one object: the annotation `ignore-check.kstudio.dev/{rid}: \"<reason>\"`.",
              f"- For a run: `kstudio validate PATH --disable {rid}`, or `--severity {rid}=warning`.",
              "- For a project: its rule settings (the studio's Findings dock, saved in `design.json` as",
              f"  `\"rules\": {{\"disabled\": [\"{rid}\"]}}`).", "",
              "[All rules](README.md) · [The command line](../cli.md)", ""]
    pages[f"docs/rules/{rid}.md"] = "\n".join(lines)

index = ["# Validation rules", "",
         "One page per rule of `kstudio validate` and of the studio's Findings dock, generated from the rule",
         "registry (`sim/validate/rules.def`, as `kstudio rules -o json` lists it) and each rule's test fixtures",
         "by `python3 docs/generate.py build/app/kstudio`; a test (`docs_up_to_date`) fails when a page is stale.",
         "[validation-rules.md](../validation-rules.md) has them all on one page.", "",
         "Error-level findings make `kstudio validate` exit with 1; warnings and notes do not.", "",
         f"{len(rules)} rules.", ""]
for family in sorted({r["family"] for r in rules}):
    blurb = families.get(family, "")
    index += [f"## {family}", "", (blurb[:1].upper() + blurb[1:] + ".") if blurb else "", "",
              "| Rule | Severity | Applies to | Finds |", "|---|---|---|---|"]
    index += [f"| [`{r['id']}`]({r['id']}.md) | {r['severity']} | {applies(r['kinds'])} | {r['summary']} |"
              for r in rules if r["family"] == family]
    index.append("")
pages["docs/rules/README.md"] = "\n".join(index)

page = subprocess.run([sys.executable, str(root / "docs/validation_rules_page.py"), binary],
                      capture_output=True, text=True, cwd=root, env=env)
if page.returncode != 0:
    sys.exit("generate: validation_rules_page.py failed:\n" + page.stderr)
pages["docs/validation-rules.md"] = page.stdout

# --- The command line ------------------------------------------------------------------------
commands = re.findall(r"^  ([a-z][a-z-]+) {2,}", run("--help").split("Commands:\n", 1)[1].split("\n\n", 1)[0], re.M)
cli = ["# kstudio command line", "",
       "Every subcommand runs without a display and shares its engine with the studio. This page is",
       "generated from the binary's own help (`python3 docs/generate.py build/app/kstudio`; the",
       "`docs_up_to_date` test fails when it is stale), so it lists exactly the flags the build accepts.",
       "The contract scripts may rely on (names, JSON keys, exit codes) is `../shared/CLI.md`.", "",
       "## Conventions", "",
       "- **PATH** arguments are YAML or JSON files (multi-document), directories of them (read",
       "  recursively), or one `.kstudio` project (its node pools, layout, notes and rule settings come",
       "  with it). The starter projects in `resources/examples/*.kstudio` are valid PATHs.",
       "- **Names.** Objects and pods are `namespace/name` (`default` when the object has none). A workload",
       "  with N replicas has the pods `name-0` .. `name-(N-1)`; a DaemonSet's pods are `name-<node>`.",
       "- **Output.** `-o`/`--format` picks the output where a command has several: `text` for people;",
       "  `json` is one JSON object on stdout with sorted lists (keys below); `validate` also writes",
       "  `sarif` (SARIF 2.1.0, for code scanning); `schedule` a `summary`; `reach` `matrix`, `summary`",
       "  and `dot` (Graphviz). Errors and diagnostics go to stderr.",
       "- **Exit codes**, the same for every command:", "",
       "  | Code | Meaning |", "  |---|---|",
       "  | 0 | success: the answer is yes (no error finding, every pod placed, the queried connection allowed) |",
       "  | 1 | the answer is no: an error-level finding, a Pending pod, a denied queried connection, a lint finding |",
       "  | 2 | bad input or usage; the message names file, line and column where there is one |", "",
       "  Each command's own list is in its section below.", "",
       "## JSON output", "",
       "```",
       'validate -o json        {"findings": [{"rule", "severity": "error|warning|info", "object": {"kind",',
       '                                       "namespace", "name"}, "path", "message", "file", "line", "column"}]}',
       'schedule -o json        {"placements": [{"pod": "ns/name", "node": "node-1" | null, "feasibleNodes": [...],',
       '                                         "scores": {"node-1": 187}, "reason", "preempted": [...]}]}',
       'schedule --plan-capacity -o json   adds {"capacityPlan": {"nodes", "nodesZoneFailure", "lowerBound",',
       '                                       "shape": {"cpu", "memory", "pods", "source"}, "zones", "unplaceable", ...}}',
       'reach -o json           {"connections": [{"from", "to", "port", "protocol", "allowed", "reason"}]}',
       'reach --exposure -o json   the same shape, from the internet or the Ingress/Gateway controller',
       'reach --lint -o json    {"findings": [...]} in validate\'s shape',
       'rules -o json           {"rules": [{"id", "severity", "family", "kinds", "summary", "why", "fix", "docUrl"}]}',
       "```", "",
       "Extra keys may be added; the ones above stay.", "",
       "## Commands", ""]
cli += [f"- [`kstudio {c}`](#kstudio-{c})" for c in commands]
cli += ["", "## kstudio", "", "```", run("--help").rstrip("\n"), "```", ""]
for c in commands:
    cli += [f"## kstudio {c}", "", "```", run(c, "--help").rstrip("\n"), "```", ""]
pages["docs/cli.md"] = "\n".join(cli)

# --- Write or check --------------------------------------------------------------------------
expected_rule_pages = {p for p in pages if p.startswith("docs/rules/")}
present_rule_pages = {p.relative_to(root).as_posix() for p in (root / "docs/rules").glob("*.md")} \
    if (root / "docs/rules").exists() else set()
stale = sorted(p for p, text in pages.items()
               if not (root / p).exists() or (root / p).read_text() != text)
extra = sorted(present_rule_pages - expected_rule_pages)
if check:
    if stale or extra:
        sys.exit("generate: out of date (run python3 docs/generate.py build/app/kstudio): "
                 + ", ".join(stale + [f"{p} (no such rule)" for p in extra]))
    sys.exit(0)
(root / "docs/rules").mkdir(exist_ok=True)
for p in extra:
    (root / p).unlink()
for p in stale:
    (root / p).write_text(pages[p])
    print(p)
