// agreed search: answers queries from window.AGREED_SEARCH (search/index.js, loaded by a
// <script> tag so it works from file:// too). No network, no library.
//
// The words rules (fold, words, stem) repeat src/search/text.rs exactly: the index holds the
// stems the build computed, and the query must be stemmed the same way.
(function () {
  "use strict";

  // ------------------------------------------------------------------ words

  var MARKS = /\p{M}/gu;
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  var NON_ASCII = /[^\x00-\x7f]/;

  function fold(text) {
    if (NON_ASCII.test(text)) text = text.normalize("NFD").replace(MARKS, "");
    return text.toLowerCase();
  }

  function words(text) {
    return fold(text).match(WORD) || [];
  }

  function endsWithAny(w, ends) {
    for (var i = 0; i < ends.length; i++) if (w.endsWith(ends[i])) return true;
    return false;
  }

  function stem(w) {
    var n = Array.from(w).length;
    if (n <= 3) return w;
    if (n > 4 && w.endsWith("ies")) return w.slice(0, -3) + "y";
    if (endsWithAny(w, ["sses", "xes", "ches", "shes", "zzes"])) return w.slice(0, -2);
    if (endsWithAny(w, ["ss", "us", "is"])) return w;
    if (w.endsWith("s")) return w.slice(0, -1);
    return w;
  }

  // ------------------------------------------------------------------ the index

  var LAST = "0123456789abcdefghijklmnopqrstuv";
  var MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz_-";
  var DIGIT = new Int8Array(128).fill(-1);
  var CONT = new Int8Array(128).fill(-1);
  for (var d = 0; d < 32; d++) { DIGIT[LAST.charCodeAt(d)] = d; CONT[MORE.charCodeAt(d)] = d; }

  function decodeNumbers(s) {
    var out = [], n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (CONT[c] >= 0) { n = n * 32 + CONT[c]; continue; }
      out.push(n * 32 + DIGIT[c]);
      n = 0;
    }
    return out;
  }

  function decodePostings(s) {
    var gaps = decodeNumbers(s), prev = -1;
    for (var i = 0; i < gaps.length; i++) { prev = prev + gaps[i] + 1; gaps[i] = prev; }
    return gaps;
  }

  // Paragraph records, flattened once: resolution, position, anchor, kind, text id, topics.
  function load(raw) {
    var paras = [], byText = [], start = [];
    raw.res.forEach(function (r, ri) {
      var anchors = r.a ? r.a.split(" ") : [];
      var topics = {};
      (r.tp || []).forEach(function (row) { topics[row[0]] = row.slice(1); });
      var prev = r.l ? decodeNumbers(r.l) : null;
      var parent = "";
      start.push(paras.length);
      anchors.forEach(function (a, i) {
        var k = r.k.charAt(i);
        if (k === "o") parent = a;
        var p = {
          res: ri, i: i, anchor: a, kind: k, text: r.t[i], topics: topics[i] || [],
          label: label(k, a, parent), prev: prev && prev[i] > 0 ? { res: r.pre, i: prev[i] - 1 } : null,
        };
        (byText[p.text] = byText[p.text] || []).push(paras.length);
        paras.push(p);
      });
    });
    return { raw: raw, paras: paras, byText: byText, start: start, postings: {} };
  }

  function label(kind, anchor, parent) {
    if (kind === "p") return "preambular para. " + anchor.replace(/^pp/, "");
    if (kind === "s" && parent && anchor.startsWith(parent)) return "para. " + parent + " (" + anchor.slice(parent.length) + ")";
    return "para. " + anchor;
  }

  function postings(ix, s) {
    if (!(s in ix.postings)) {
      var enc = Object.prototype.hasOwnProperty.call(ix.raw.terms, s) ? ix.raw.terms[s] : "";
      ix.postings[s] = decodePostings(enc);
    }
    return ix.postings[s];
  }

  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }

  // ------------------------------------------------------------------ queries

  // "a quoted phrase" and loose words; an unclosed quote runs to the end.
  function parse(q) {
    var phrases = [], loose = [], re = /"([^"]*)"?|[^\s"]+/g, m;
    while ((m = re.exec(q))) {
      if (m[0].charAt(0) === '"') { var w = words(m[1]); if (w.length) phrases.push(w); }
      else loose = loose.concat(words(m[0]));
    }
    var all = loose.slice();
    phrases.forEach(function (p) { all = all.concat(p); });
    var stems = Array.from(new Set(all.map(stem)));
    return { phrases: phrases, loose: loose, stems: stems, words: all };
  }

  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // A phrase as consecutive folded words, anything but letters and digits between them.
  function phraseRe(p) {
    return new RegExp("(?<![\\p{Alphabetic}\\p{N}])" + p.map(escapeRe).join("[^\\p{Alphabetic}\\p{N}]+") +
      "(?![\\p{Alphabetic}\\p{N}])", "u");
  }

  var foldCache = new Map();
  function folded(ix, t) {
    var f = foldCache.get(t);
    if (f === undefined) { f = fold(ix.raw.texts[t]); foldCache.set(t, f); }
    return f;
  }

  var LETTER = "[\\p{Alphabetic}\\p{N}]";

  // Every folded word whose stem is `s`: the regular plurals the stemmer strips, checked
  // against the stemmer itself, so a regular expression can find the word without splitting
  // the text into words (which would cost far more than the search on a large corpus).
  function forms(s) {
    var cands = [s, s + "s", s + "es"];
    if (s.endsWith("y")) cands.push(s.slice(0, -1) + "ies");
    return cands.filter(function (w) { return stem(w) === s; });
  }

  // One regular expression for the query's stems, a capture group per stem.
  function stemsRe(stems) {
    var groups = stems.map(function (s) { return "(" + forms(s).map(escapeRe).join("|") + ")"; });
    return new RegExp("(?<!" + LETTER + ")(?:" + groups.join("|") + ")(?!" + LETTER + ")", "gu");
  }

  // Phrase first, then how close together the query's words stand, then how often they occur.
  function score(ix, t, need, re, fullRe) {
    var f = folded(ix, t), m, hits = 0, best = Infinity, seen = 0;
    var last = new Array(need).fill(-1);
    re.lastIndex = 0;
    while ((m = re.exec(f))) {
      var g = 1;
      while (m[g] === undefined) g++;
      if (last[g - 1] < 0) seen++;
      last[g - 1] = m.index;
      hits++;
      if (seen === need && need > 1) best = Math.min(best, m.index - Math.min.apply(null, last) + m[0].length);
    }
    var exact = fullRe && fullRe.test(f) ? 1 : 0;
    return exact * 1e6 + (need > 1 ? 1e4 / best : 0) * 10 + Math.min(hits, 20);
  }

  // Texts matching every stem and every phrase, ranked; then their paragraphs, newest first
  // among the paragraphs sharing a text.
  function run(ix, q) {
    if (!q.stems.length) return [];
    var lists = q.stems.map(function (s) { return postings(ix, s); }).sort(function (a, b) { return a.length - b.length; });
    var cand = lists[0];
    for (var i = 1; i < lists.length && cand.length; i++) cand = intersect(cand, lists[i]);
    var res = q.phrases.map(phraseRe);
    if (res.length) cand = cand.filter(function (t) { var f = folded(ix, t); return res.every(function (r) { return r.test(f); }); });
    var re = stemsRe(q.stems);
    var full = q.words.length > 1 ? phraseRe(q.words) : null;
    var scores = new Float64Array(cand.length);
    for (var c = 0; c < cand.length; c++) scores[c] = score(ix, cand[c], q.stems.length, re, full);
    // Equal scores: the text of the newest paragraph first (corpus order is series, then date).
    var newest = function (c) { var ps = ix.byText[cand[c]]; return ps[ps.length - 1]; };
    var order = Array.from(cand.keys()).sort(function (a, b) { return scores[b] - scores[a] || newest(b) - newest(a); });
    var out = [];
    for (var o = 0; o < order.length; o++) {
      var ps = ix.byText[cand[order[o]]];
      for (var k = ps.length - 1; k >= 0; k--) out.push(ps[k]);
    }
    return out;
  }

  // ------------------------------------------------------------------ filters

  var FILTERS = ["res", "year", "series", "topic", "kind"];

  function value(ix, p, name) {
    var r = ix.raw.res[ix.paras[p].res];
    switch (name) {
      case "res": return r.s;
      case "year": return String(r.y);
      case "series": return ix.raw.series[r.se];
      case "kind": return ix.paras[p].kind;
      case "topic": return ix.paras[p].topics.map(function (t) { return ix.raw.topics[t][0]; });
    }
  }

  function passes(ix, p, chosen) {
    return FILTERS.every(function (f) {
      if (!chosen[f]) return true;
      var v = value(ix, p, f);
      return Array.isArray(v) ? v.indexOf(chosen[f]) >= 0 : v === chosen[f];
    });
  }

  var KIND_NAMES = { p: "Preambular", o: "Operative", s: "Sub-paragraph" };

  function filterOptions(ix) {
    var res = ix.raw.res.map(function (r) { return [r.s, r.s]; }).reverse();
    var years = Array.from(new Set(ix.raw.res.map(function (r) { return r.y; }))).sort().reverse()
      .map(function (y) { return [String(y), String(y)]; });
    return {
      res: res,
      year: years,
      series: ix.raw.series.map(function (s) { return [s, s]; }),
      topic: ix.raw.topics.map(function (t) { return [t[0], t[1]]; }),
      kind: [["p", KIND_NAMES.p], ["o", KIND_NAMES.o], ["s", KIND_NAMES.s]],
    };
  }

  // ------------------------------------------------------------------ rendering

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k]; else if (k === "className") e.className = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  // The text around the first match, every matched word in <mark>.
  // Loose words are marked wherever they stand; a phrase's words only inside the phrase.
  function excerpt(text, q, phraseRes) {
    var stemSet = new Set(q.loose.map(stem)), ranges = [];
    var f = fold(text);
    var sameLength = f.length === text.length;
    if (sameLength) {
      phraseRes.forEach(function (r) {
        var g = new RegExp(r.source, "gu"), m;
        while ((m = g.exec(f))) ranges.push([m.index, m.index + m[0].length]);
      });
      var w = new RegExp(WORD.source, "gu"), m2;
      while ((m2 = w.exec(f))) if (stemSet.has(stem(m2[0]))) ranges.push([m2.index, m2.index + m2[0].length]);
    }
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    // Words next to each other read as one mark: "Addis Ababa", not "Addis" "Ababa".
    ranges = ranges.reduce(function (out, rg) {
      var last = out[out.length - 1];
      if (last && rg[0] >= last[0] && /^\s*$/.test(text.slice(last[1], rg[0]))) last[1] = Math.max(last[1], rg[1]);
      else out.push(rg.slice());
      return out;
    }, []);
    var first = ranges.length ? ranges[0][0] : 0;
    var from = 0, to = text.length, LEN = 260;
    if (text.length > LEN) {
      from = Math.max(0, first - 80);
      if (from > 0) { var sp = text.indexOf(" ", from); if (sp >= 0 && sp < first) from = sp + 1; }
      to = Math.min(text.length, from + LEN);
      if (to < text.length) { var sp2 = text.lastIndexOf(" ", to); if (sp2 > from) to = sp2; }
    }
    var frag = document.createDocumentFragment(), at = from;
    if (from > 0) frag.appendChild(document.createTextNode("… "));
    ranges.forEach(function (rg) {
      var s = Math.max(rg[0], at), e = Math.min(rg[1], to);
      if (e <= s) return;
      if (s > at) frag.appendChild(document.createTextNode(text.slice(at, s)));
      frag.appendChild(el("mark", { text: text.slice(s, e) }));
      at = e;
    });
    if (at < to) frag.appendChild(document.createTextNode(text.slice(at, to)));
    if (to < text.length) frag.appendChild(document.createTextNode(" …"));
    return frag;
  }

  function paraHref(root, r, anchor) {
    return root + r.p + "/index.html#" + encodeURIComponent(anchor);
  }

  function resultItem(ix, p, q, phraseRes, root) {
    var para = ix.paras[p], r = ix.raw.res[para.res];
    var cite = r.s + ", " + para.label;
    var link = el("a", { href: paraHref(root, r, para.anchor), className: "hit-link" }, [
      el("span", { className: "sym", text: r.s }), ", " + para.label,
    ]);
    var meta = el("span", { className: "hit-meta", text: " " + r.d.slice(0, 4) + " · " + KIND_NAMES[para.kind] });
    var chips = para.topics.length ? el("ul", { className: "chips", "aria-label": "Topics" }, para.topics.map(function (t) {
      var tp = ix.raw.topics[t];
      return el("li", {}, [el("a", { className: "chip", href: root + "topics/" + tp[0] + "/index.html", text: tp[1] })]);
    })) : null;
    var item = el("li", { className: "hit", "data-cite": cite }, [
      el("h3", {}, [link]), meta,
      el("p", { className: "excerpt" }, [excerpt(ix.raw.texts[para.text], q, phraseRes)]),
      chips,
    ]);
    return item;
  }

  // ------------------------------------------------------------------ agreed-language lookup

  // For each series: the resolutions (in series order) whose paragraphs hold the phrase, where
  // it first appeared, and after which resolution it was dropped.
  function lookup(ix, matches) {
    var perRes = new Map();
    matches.forEach(function (p) {
      var ri = ix.paras[p].res;
      if (!perRes.has(ri)) perRes.set(ri, []);
      perRes.get(ri).push(p);
    });
    var series = [];
    ix.raw.series.forEach(function (slug, si) {
      var order = [];
      ix.raw.res.forEach(function (r, ri) { if (r.se === si) order.push(ri); });
      var used = order.filter(function (ri) { return perRes.has(ri); });
      if (!used.length) return;
      var events = [];
      for (var k = 0; k < order.length; k++) {
        var has = perRes.has(order[k]), had = k > 0 && perRes.has(order[k - 1]);
        if (has && !had) events.push({ kind: k === 0 || !events.length ? "first" : "back", res: order[k] });
        if (!has && had) events.push({ kind: "dropped", res: order[k - 1], next: order[k] });
      }
      series.push({ slug: slug, used: used, events: events });
    });
    return { series: series, perRes: perRes };
  }

  // What became of the phrase's paragraphs in the next resolution, from the lineage links.
  function successors(ix, ri, next) {
    var out = [], base = ix.start[next];
    var r = ix.raw.res[next];
    for (var i = 0; i < r.t.length; i++) {
      var p = ix.paras[base + i];
      if (p.prev && p.prev.res === ri) out.push({ from: ix.start[ri] + p.prev.i, to: base + i });
    }
    return out;
  }

  var USED_LINKS = 3;

  function lookupSection(ix, q, matches, root) {
    var phrase = q.phrases[0].join(" ");
    var info = lookup(ix, matches);
    var sec = el("section", { className: "lookup", "aria-labelledby": "lookup-h" }, [
      el("h2", { id: "lookup-h", text: "Agreed language: \u201c" + phrase + "\u201d" }),
    ]);
    if (!info.series.length) return sec;
    var resLink = function (ri, p) {
      var r = ix.raw.res[ri];
      var para = p === undefined ? null : ix.paras[p];
      return el("a", { href: para ? paraHref(root, r, para.anchor) : root + r.p + "/index.html", text: para ? r.s + ", " + para.label : r.s });
    };
    info.series.forEach(function (s) {
      var dl = el("dl", { className: "agreed" });
      var firstRes = s.used[0];
      dl.appendChild(el("dt", { text: "First appeared" }));
      dl.appendChild(el("dd", {}, [resLink(firstRes, info.perRes.get(firstRes)[0]), " (" + ix.raw.res[firstRes].d + ")"]));
      dl.appendChild(el("dt", { text: "Used in" }));
      var list = el("ul", { className: "used" });
      s.used.forEach(function (ri) {
        var ps = info.perRes.get(ri);
        var li = el("li", {}, [resLink(ri)]);
        li.appendChild(document.createTextNode(": "));
        // A few paragraphs each: a phrase used everywhere would otherwise list thousands.
        ps.slice(0, USED_LINKS).forEach(function (p, n) {
          if (n) li.appendChild(document.createTextNode(", "));
          li.appendChild(el("a", { href: paraHref(root, ix.raw.res[ri], ix.paras[p].anchor), text: ix.paras[p].label }));
        });
        if (ps.length > USED_LINKS) li.appendChild(document.createTextNode(" and " + (ps.length - USED_LINKS) + " more"));
        list.appendChild(li);
      });
      dl.appendChild(el("dd", {}, [list]));
      var drops = s.events.filter(function (e) { return e.kind === "dropped" || e.kind === "back"; });
      dl.appendChild(el("dt", { text: "Dropped" }));
      if (!drops.length) dl.appendChild(el("dd", { text: "Never: still in the latest resolution of the series." }));
      drops.forEach(function (e) {
        if (e.kind === "back") { dl.appendChild(el("dd", {}, ["Back in ", resLink(e.res), "."])); return; }
        var dd = el("dd", {}, ["After ", resLink(e.res), "; not in ", resLink(e.next), "."]);
        var had = new Set(info.perRes.get(e.res));
        var succ = successors(ix, e.res, e.next).filter(function (x) { return had.has(x.from); });
        succ.forEach(function (x) {
          var r = ix.raw.res[e.next];
          dd.appendChild(document.createTextNode(" Its " + ix.paras[x.from].label + " continues as "));
          dd.appendChild(el("a", { href: paraHref(root, r, ix.paras[x.to].anchor), text: r.s + ", " + ix.paras[x.to].label }));
          dd.appendChild(document.createTextNode(" without the phrase."));
        });
        dl.appendChild(dd);
      });
      if (info.series.length > 1) sec.appendChild(el("h3", { text: "Series " + s.slug }));
      sec.appendChild(dl);
    });
    return sec;
  }

  // ------------------------------------------------------------------ the page

  var PAGE = 50;

  function init() {
    var form = document.getElementById("search-form");
    var out = document.getElementById("results");
    if (!form || !out) return;
    var raw = window.AGREED_SEARCH;
    if (!raw) { out.textContent = "The search index (search/index.js) could not be loaded."; return; }
    var ix = load(raw);
    var root = form.dataset.root || "../";
    var box = document.getElementById("q");
    var status = document.getElementById("search-status");
    var filters = document.getElementById("filters");
    var selects = {};
    var options = filterOptions(ix);
    FILTERS.forEach(function (f) {
      var sel = document.getElementById("f-" + f);
      if (!sel) return;
      options[f].forEach(function (o) { sel.appendChild(el("option", { value: o[0], text: o[1] })); });
      sel.closest(".fgroup").hidden = options[f].length < 2 && f !== "kind";
      selects[f] = sel;
    });
    if (filters) filters.hidden = false;

    var shown = PAGE, lastKey = "";

    function chosen() {
      var c = {};
      FILTERS.forEach(function (f) { if (selects[f] && selects[f].value) c[f] = selects[f].value; });
      return c;
    }

    function fromUrl() {
      var params = new URLSearchParams(window.location.search);
      box.value = params.get("q") || "";
      FILTERS.forEach(function (f) { if (selects[f]) selects[f].value = params.get(f) || ""; });
    }

    function toUrl() {
      var params = new URLSearchParams();
      if (box.value.trim()) params.set("q", box.value.trim());
      var c = chosen();
      FILTERS.forEach(function (f) { if (c[f]) params.set(f, c[f]); });
      var s = params.toString();
      try { history.replaceState(null, "", s ? "?" + s : window.location.pathname.split("/").pop()); } catch (e) { /* file:// in some browsers */ }
    }

    // Search and draw; note the time it took (for tests and benchmarks).
    function render() {
      var started = performance.now();
      var engineMs = draw();
      document.documentElement.setAttribute("data-engine-ms", engineMs.toFixed(2));
      document.documentElement.setAttribute("data-search-ms", (performance.now() - started).toFixed(2));
    }

    // Returns the engine's time.
    function draw() {
      var started = performance.now();
      var q = parse(box.value);
      var c = chosen();
      out.textContent = "";
      if (!q.stems.length) { status.textContent = ""; return 0; }
      var all = run(ix, q);
      var hits = all.filter(function (p) { return passes(ix, p, c); });
      var engineMs = performance.now() - started;
      var key = box.value + JSON.stringify(c);
      if (key !== lastKey) { shown = PAGE; lastKey = key; }
      status.textContent = hits.length === 0 ? "No paragraph matches." :
        hits.length + (hits.length === 1 ? " paragraph" : " paragraphs") +
        (hits.length < all.length ? " (of " + all.length + " before filters)" : "") + ".";
      if (q.phrases.length && all.length) out.appendChild(lookupSection(ix, q, all, root));
      if (!hits.length) return engineMs;
      var phraseRes = q.phrases.map(function (p) { return new RegExp(phraseRe(p).source, "u"); });
      var list = el("ol", { className: "hits results", "aria-label": "Results" });
      hits.slice(0, shown).forEach(function (p) { list.appendChild(resultItem(ix, p, q, phraseRes, root)); });
      out.appendChild(el("h2", { className: "vh", text: "Results" }));
      out.appendChild(list);
      if (hits.length > shown) {
        var more = el("button", { type: "button", className: "more", text: "Show " + Math.min(PAGE, hits.length - shown) + " more" });
        more.addEventListener("click", function () {
          var first = shown;
          shown += PAGE;
          render();
          var next = out.querySelectorAll(".hit a.hit-link")[first];
          if (next) next.focus();
        });
        out.appendChild(more);
      }
      return engineMs;
    }

    var timer = null;
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { toUrl(); render(); }, 120);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      toUrl();
      render();
      var first = out.querySelector(".hit a.hit-link");
      if (first && document.activeElement !== box) first.focus();
    });
    Object.keys(selects).forEach(function (f) {
      selects[f].addEventListener("change", function () { toUrl(); render(); });
    });
    var reset = document.getElementById("f-reset");
    if (reset) reset.addEventListener("click", function () {
      Object.keys(selects).forEach(function (f) { selects[f].value = ""; });
      toUrl();
      render();
    });
    window.addEventListener("popstate", function () { fromUrl(); render(); });
    fromUrl();
    render();
  }

  // For tests and benchmarks: the engine without the page.
  window.AgreedSearch = {
    fold: fold, words: words, stem: stem, parse: parse,
    query: function (q) { var ix = window.AgreedSearch.ix || (window.AgreedSearch.ix = load(window.AGREED_SEARCH)); return run(ix, parse(q)); },
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
