#!/usr/bin/env python3
"""Turn the synthetic corpus of ../shared/bench/gen_corpus.py (--format plain) into an agreed
project (content/resolutions/*.md in the format of docs/content-format.md), for measuring the
build and the search index on a large corpus.

    python3 ../shared/bench/gen_corpus.py --docs 200 --format plain --out /dev/shm/corpus
    python3 bench/corpus_to_content.py /dev/shm/corpus /dev/shm/bench-site
    cargo run --release -- build --root /dev/shm/bench-site --output /dev/shm/bench-out
"""

import json
import os
import re
import sys


def convert(md, entry):
    lines = md.split("\n")
    body, formula = [], None
    for line in lines:
        if line.startswith("# ") or (line.startswith("**") and line.endswith("**")):
            continue  # the symbol and the title: they go in the front matter
        if formula is None and line.startswith("*") and line.rstrip().endswith(",*"):
            formula = line.strip().strip("*")
            continue
        body.append(line)
    # The generator sometimes drops a footnote's text but keeps its marker; agreed rejects that.
    text = "\n".join(body)
    defined = set(re.findall(r"^\[\^([^\]]+)\]:", text, re.M))
    for label in sorted(set(re.findall(r"\[\^([^\]]+)\](?!:)", text)) - defined):
        body.append(f"\n[^{label}]: (No text in the generated corpus.)")
    front = [
        "+++",
        f'symbol = "{entry["symbol"]}"',
        f'series = "s{entry["series"]:03d}"',
        "title = " + json.dumps(entry["title"]),
        f'date = {entry["year"]}-07-{1 + entry["series"] % 28:02d}',
    ]
    if formula:
        front.append("formula = " + json.dumps(formula))
    front.append("+++")
    # One block per footnote: the generator writes them on consecutive lines.
    text = re.sub(r"\n(?=\[\^[^\]]+\]:)", "\n\n", "\n".join(body).strip("\n"))
    return "\n".join(front) + "\n" + re.sub(r"\n{3,}", "\n\n", text) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: corpus_to_content.py CORPUS_DIR PROJECT_DIR")
    src, dst = sys.argv[1], sys.argv[2]
    out = os.path.join(dst, "content", "resolutions")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(src, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    for entry in manifest:
        with open(os.path.join(src, entry["path"]), encoding="utf-8") as f:
            md = f.read()
        name = entry["symbol"].replace("/", "-") + ".md"
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(convert(md, entry))
    with open(os.path.join(dst, "agreed.toml"), "w", encoding="utf-8") as f:
        f.write('title = "Synthetic benchmark corpus"\n')
    print(f"{len(manifest)} resolutions -> {out}")


if __name__ == "__main__":
    main()
