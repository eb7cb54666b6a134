#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the starter projects resources/examples/<name>.kstudio from their reviewable sources in
# resources/examples/src/: <name>.yaml (the manifests), <name>.notes.txt (the lesson, kept as the
# project's notes and shown in the Notes dock) and <name>.pools.json (the node pools the design is
# scheduled on), with the real `kstudio import` (so the layout is the studio's own):
#   python3 scripts/make_starters.py [build/app/kstudio]          rewrite the projects
#   python3 scripts/make_starters.py --check [build/app/kstudio]  exit 1 if one is out of date
# The check compares the entries' contents (not the zip bytes, and not the generator's version).
import json
import pathlib
import subprocess
import sys
import tempfile
import zipfile

args = sys.argv[1:]
check = "--check" in args
args = [a for a in args if a != "--check"]
root = pathlib.Path(__file__).resolve().parent.parent
binary = args[0] if args else str(root / "build/app/kstudio")
examples = root / "resources/examples"
sources = sorted((examples / "src").glob("*.yaml"))
if not sources:
    sys.exit("make_starters: no sources in resources/examples/src")


def build(source, output):
    name = source.stem
    notes = source.with_name(name + ".notes.txt")
    pools = source.with_name(name + ".pools.json")
    for needed in (notes, pools):
        if not needed.exists():
            sys.exit(f"make_starters: {name} has no {needed.name}")
    result = subprocess.run([binary, "import", str(source), "--notes", str(notes), "--node-pools", str(pools),
                             "-o", str(output)], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"make_starters: kstudio import {source.name} failed ({result.returncode}):\n{result.stderr}")


def contents(path):
    with zipfile.ZipFile(path) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    header = json.loads(entries.pop("kstudio.json", b"{}"))
    header.pop("generator", None)
    entries["kstudio.json"] = json.dumps(header, sort_keys=True).encode()
    return entries


stale = []
with tempfile.TemporaryDirectory() as scratch:
    for source in sources:
        target = examples / (source.stem + ".kstudio")
        fresh = pathlib.Path(scratch) / target.name
        build(source, fresh)
        if check:
            if not target.exists() or contents(target) != contents(fresh):
                stale.append(target.name)
        else:
            target.write_bytes(fresh.read_bytes())
            print(target.relative_to(root))
    expected = {source.stem + ".kstudio" for source in sources}
    extra = sorted(p.name for p in examples.glob("*.kstudio") if p.name not in expected)
    if extra:
        sys.exit("make_starters: projects without a source in resources/examples/src: " + ", ".join(extra))
if stale:
    sys.exit("make_starters: out of date (run python3 scripts/make_starters.py build/app/kstudio): "
             + ", ".join(stale))
