// terms-site search worker: Material's search protocol, answered from a prebuilt index of character pairs.
//
// Material's page script sends {type: 0 (SETUP), data: search_index.json} on every page load and
// {type: 2 (QUERY), data: "query"} as the reader types; it expects {type: 1 (READY)} and
// {type: 3 (RESULT), data: {items: [[item, …], …]}}, each item {location, title, text, score, terms} with its
// title and text already highlighted with <mark>.
//
// search_index.json holds only the name of our index (site_builder/search/files.py), so nothing is downloaded
// until the first query.  Then: the meta file (documents, each unit's anchor and heading, spelling variants,
// synonyms), the pair shards the query's characters need, and — for the results shown first — their documents'
// texts, to check them, land on the deepest provision that matched and quote it.  Text and query are folded
// alike (foldRules below; site_builder/search/fold.py does the same to the texts at build time): width and
// case, hiragana to katakana, small kana, ヴ, long vowel marks, kanji numerals, then the dictionary's spelling
// variants by longest match (受付け → 受け付け).  Results that match every term come first (the reader's
// document first among them, its slug is in this worker's URL, ?doc=…), then those that match most terms,
// then close spellings (one character off), each marked below the last.
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var READER_DOC = new URLSearchParams(self.location.search).get("doc") || "";
var DETAILED = 10;  // results checked against their text (Material shows ten at a time), with a landing, snippet and marks

var index = null;      // the "terms" part of search_index.json's config
var table = null;      // folded spelling → folded class spelling, by first character
var synonyms = [];     // groups of folded words
var docs = [];         // {slug, title, ftitle, editions, text, units}
var units = [];        // every unit, numbered as in the pair index
var pairFiles = [];    // pair shard names
var shards = {};       // shard number → Promise of {pair: encoded list}
var lists = {};        // pair → decoded list of unit numbers
var loading = null;
var latest = 0;        // the newest query: an older one still being answered is dropped

// ---------------------------------------------------------------------------------------------------- folding

var KANJI_DIGITS = { "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
var KANJI_UNITS = { "十": 10, "百": 100, "千": 1000 };
var SMALL = { "ァ": "ア", "ィ": "イ", "ゥ": "ウ", "ェ": "エ", "ォ": "オ", "ッ": "ツ", "ャ": "ヤ", "ュ": "ユ", "ョ": "ヨ",
              "ヮ": "ワ", "ヵ": "カ", "ヶ": "カ" };
var VU = { "ァ": "バ", "ィ": "ビ", "ゥ": "ブ", "ェ": "ベ", "ォ": "ボ" };

function isKatakana(c) { return c >= "ァ" && c <= "ヺ"; }
function isDigit(c) { return c >= "0" && c <= "9"; }
function isWordChar(c) { return (c >= "a" && c <= "z") || isDigit(c) || c === "," || c === "." || c === ";" || c === ":"; }

// width, case, hiragana → katakana; each output character remembers the input range it came from
function widen(text, out, from, to) {
  for (var i = 0; i < text.length; i++) {
    var c = text[i], code = text.charCodeAt(i), s;
    if (code < 0x80) s = code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c;
    else if (code >= 0x3041 && code <= 0x3096) s = String.fromCharCode(code + 0x60);
    else if ((code >= 0x30a1 && code <= 0x30fc) || (code >= 0x4e00 && code <= 0x9fff)) s = c;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      out.push(text.slice(i, i + 2)); from.push(i); to.push(i + 2); i++; continue;
    } else {
      s = c.normalize("NFKC").toLowerCase();
      if ((s === "\u3099" || s === "\u309a") && out.length) {  // half-width ﾞ ﾟ: join the kana before
        out[out.length - 1] = (out[out.length - 1] + s).normalize("NFC"); to[to.length - 1] = i + 1; continue;
      }
    }
    for (var k = 0; k < s.length; k++) {
      var d = s.charCodeAt(k);
      out.push(d >= 0x3041 && d <= 0x3096 ? String.fromCharCode(d + 0x60) : s[k]);
      from.push(i); to.push(i + 1);
    }
  }
}

function kanjiNumber(run) {
  var units = false;
  for (var i = 0; i < run.length; i++) if (KANJI_UNITS[run[i]]) units = true;
  if (!units) return run.split("").map(function (c) { return KANJI_DIGITS[c]; }).join("");
  var total = 0, current = 0;
  for (var j = 0; j < run.length; j++) {
    var c = run[j];
    if (KANJI_UNITS[c]) { total += (current || 1) * KANJI_UNITS[c]; current = 0; } else current = current * 10 + KANJI_DIGITS[c];
  }
  return String(total + current);
}

// fold(text) → {s, from, to}: the folded string and, for each of its characters, the input range it stands for
function fold(text, withMap) {
  var a = [], af = [], at = [];
  widen(text, a, af, at);
  var b = [], bf = [], bt = [];
  for (var i = 0; i < a.length; i++) {
    var c = a[i];
    if (c === "ヴ") {
      var next = a[i + 1];
      if (next && VU[next]) { b.push(VU[next]); bf.push(af[i]); bt.push(at[i + 1]); i++; continue; }
      c = "ブ";
    } else if (SMALL[c]) c = SMALL[c];
    else if ((c === "ー" || c === "・") && b.length && isKatakana(b[b.length - 1])) continue;  // サーバー = サーバ
    // Japanese puts no space between words: 「Cookie の取扱い」 is 「Cookieの取扱い」; English keeps its spaces
    else if (c === " " && !(b.length && isWordChar(b[b.length - 1]) && isWordChar(a[i + 1] || ""))) continue;
    else if (KANJI_DIGITS[c] !== undefined || KANJI_UNITS[c]) {
      var j = i;
      while (j < a.length && (KANJI_DIGITS[a[j]] !== undefined || KANJI_UNITS[a[j]])) j++;
      var digits = kanjiNumber(a.slice(i, j).join(""));
      for (var k = 0; k < digits.length; k++) { b.push(digits[k]); bf.push(af[i]); bt.push(at[j - 1]); }
      i = j - 1;
      continue;
    }
    b.push(c); bf.push(af[i]); bt.push(at[i]);
  }
  if (!table) return withMap ? { s: b.join(""), from: bf, to: bt } : { s: b.join("") };
  // the dictionary's variants, longest first at each position
  var out = [], of = [], ot = [];
  for (var p = 0; p < b.length;) {
    var entries = table[b[p]], hit = null;
    if (entries) {
      for (var e = 0; e < entries.length && !hit; e++) {
        var key = entries[e][0];
        if (key.length <= b.length - p) {
          var ok = true;
          for (var q = 1; q < key.length && ok; q++) ok = b[p + q] === key[q];
          if (ok) hit = entries[e];
        }
      }
    }
    if (hit) {
      var value = hit[1], n = hit[0].length;
      for (var v = 0; v < value.length; v++) { out.push(value[v]); of.push(bf[p + Math.min(v, n - 1)]); ot.push(bt[p + n - 1]); }
      p += n;
    } else { out.push(b[p]); of.push(bf[p]); ot.push(bt[p]); p++; }
  }
  return withMap ? { s: out.join(""), from: of, to: ot } : { s: out.join("") };
}

function buildTable(pairs) {
  var t = {};
  table = null;  // keys and values are folded by the rules alone
  pairs.forEach(function (pair) {
    var key = fold(pair[0]).s, value = fold(pair[1]).s;
    // 受け付 → 受け付け would fold 受け付け itself to 受け付けけ; a prefix needs no entry to be found
    if (key.length < 2 || value.indexOf(key) === 0) return;
    (t[key[0]] = t[key[0]] || []).push([key, value]);
  });
  Object.keys(t).forEach(function (c) { t[c].sort(function (x, y) { return y[0].length - x[0].length; }); });
  table = t;
}

// ---------------------------------------------------------------------------------------------------- loading

function baseUrl() { return new URL("../../search/", self.location.href); }

function fetchJson(name) {
  return fetch(new URL("terms/" + name, baseUrl())).then(function (r) {
    if (!r.ok) throw new Error(name + ": " + r.status);
    return r.json();
  });
}

function load() {
  if (!loading) {
    loading = fetch(new URL(index.meta, baseUrl())).then(function (r) { return r.json(); }).then(function (m) {
      buildTable(m.variants || []);
      synonyms = (m.synonyms || []).map(function (g) {
        return g.map(function (w) { return fold(w).s; }).filter(function (w) { return w.length > 0; });
      });
      pairFiles = m.pairs;
      CHUNK = m.chunk;
      docs = m.docs.map(function (d) {
        var doc = { slug: d.slug, title: d.title, ftitle: fold(d.title).s, texts: d.texts, units: [], loaded: {},
                    editions: d.editions.map(function (e) { return { url: e[0], label: e[1], upcoming: e[2] }; }) };
        d.units.forEach(function (u) {
          var unit = { id: units.length, index: doc.units.length, doc: doc, edition: doc.editions[u[0]], anchor: u[1], title: u[2],
                       ftitle: fold(u[2]).s, cite: u[3], text: null, ftext: null, parts: [], map: null };
          doc.units.push(unit);
          units.push(unit);
        });
        return doc;
      });
    });
  }
  return loading;
}

function decode(data) {
  var bytes = atob(data), out = [], last = -1, gap = 0, shift = 0;
  for (var i = 0; i < bytes.length; i++) {
    var b = bytes.charCodeAt(i);
    gap |= (b & 0x7f) << shift;
    shift += 7;
    if (!(b & 0x80)) { last += gap + 1; out.push(last); gap = 0; shift = 0; }
  }
  return out;
}

function shardOf(c) { return c.codePointAt(0) % pairFiles.length; }

function loadShards(strings) {
  var wanted = {};
  strings.forEach(function (s) { for (var i = 0; i < s.length; i++) wanted[shardOf(s[i])] = true; });
  return Promise.all(Object.keys(wanted).map(function (k) {
    if (!shards[k]) {
      var entry = fetchJson(pairFiles[k]).then(function (data) { entry.value = data; return data; });
      shards[k] = entry;
    }
    return shards[k];
  }));
}

function list(pair) {
  if (lists[pair] === undefined) {
    var shard = shards[shardOf(pair[0])].value;
    lists[pair] = shard && shard[pair] ? decode(shard[pair]) : [];
  }
  return lists[pair];
}

function intersect(a, b) {
  var out = [], i = 0, j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
  }
  return out;
}

// the units whose text holds every pair of the string (one character: any pair it starts)
function candidates(s) {
  if (s.length === 1) {
    var shard = shards[shardOf(s)].value || {}, seen = {};
    Object.keys(shard).forEach(function (pair) { if (pair[0] === s) list(pair).forEach(function (n) { seen[n] = true; }); });
    return Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
  }
  var out = null;
  for (var i = 0; i + 1 < s.length && (out === null || out.length); i++) {
    out = out === null ? list(s.slice(i, i + 2)) : intersect(out, list(s.slice(i, i + 2)));
  }
  return out || [];
}

// units sharing all but two of the string's pairs: where a one-character typo may be (checked on the text later)
function near(s) {
  if (s.length < 3) return [];
  var count = {}, n = s.length - 1;
  for (var i = 0; i < n; i++) list(s.slice(i, i + 2)).forEach(function (u) { count[u] = (count[u] || 0) + 1; });
  return Object.keys(count).filter(function (u) { return count[u] >= Math.max(1, n - 2); }).map(Number);
}

var CHUNK = 10;  // units a text file holds: the meta says (site_builder/search/files.py)

function loadText(unit) {
  var doc = unit.doc, k = Math.floor(unit.index / CHUNK);
  if (!doc.loaded[k]) {
    doc.loaded[k] = fetchJson(doc.texts[k]).then(function (data) {
      data.units.forEach(function (u, j) {
        var target = doc.units[k * CHUNK + j], parts = [];
        for (var i = 0; i < u[4].length; i += 4) parts.push({ offset: u[4][i], anchor: u[4][i + 1], cite: u[4][i + 2], parent: u[4][i + 3] });
        target.text = u[3];
        target.ftext = null;  // folded when first matched
        target.parts = parts;
      });
    });
  }
  return doc.loaded[k];
}

// ---------------------------------------------------------------------------------------------------- matching

function escapeHtml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// every occurrence of needle in haystack; a number is matched whole (14条 is not in 第114条)
function findAll(haystack, needle, limit) {
  var out = [], at = haystack.indexOf(needle);
  var digitStart = isDigit(needle[0]), digitEnd = isDigit(needle[needle.length - 1]);
  while (at >= 0 && out.length < limit) {
    if (!(digitStart && at > 0 && isDigit(haystack[at - 1])) &&
        !(digitEnd && isDigit(haystack[at + needle.length] || ""))) out.push(at);
    at = haystack.indexOf(needle, at + 1);
  }
  return out;
}

// one character substituted, inserted or left out, for a term of three characters or more (bitap, k = 1)
function fuzzyFind(haystack, needle) {
  var m = needle.length;
  if (m < 3 || m > 30) return -1;
  var mask = {}, i;
  for (i = 0; i < m; i++) mask[needle[i]] = (mask[needle[i]] || 0) | (1 << i);
  var r0 = 0, r1 = 0, goal = 1 << (m - 1);
  for (i = 0; i < haystack.length; i++) {
    var bits = mask[haystack[i]] || 0;
    var next0 = ((r0 << 1) | 1) & bits;
    // a match with one error: the same character after an error, or an error here (a character substituted,
    // one too many in the text, or one missing from it)
    var next1 = (((r1 << 1) | 1) & bits) | (r0 << 1) | r0 | (next0 << 1) | 1;
    r0 = next0; r1 = next1;
    if (r1 & goal) return Math.max(0, i - m + 1);
  }
  return -1;
}

var CITE = /^第?(\d+)条(?:の(\d+))?(?:第?(\d+)項)?(?:第?(\d+)号)?$/;

// 第14条第2項 → ["14/2"]; 第14条第3号 → ["14/1/3", "14/3"] (the 号 of its first 項, or of an article without 項)
function citeKeys(term) {
  var m = CITE.exec(term);
  if (!m) return null;
  var article = m[1] + (m[2] ? "の" + m[2] : "");
  if (m[4] && !m[3]) return [article + "/1/" + m[4], article + "/" + m[4]];
  return [article + (m[3] ? "/" + m[3] : "") + (m[4] ? "/" + m[4] : "")];
}

// the words a term stands for: itself, then the same term with a synonym in place of a word of a group
function alternatives(term) {
  var out = [{ s: term, synonym: false }], seen = {};
  seen[term] = true;
  synonyms.forEach(function (group) {
    group.forEach(function (word) {
      if (term.indexOf(word) < 0) return;
      group.forEach(function (other) {
        var s = term.split(word).join(other);
        if (!seen[s]) { seen[s] = true; out.push({ s: s, synonym: true }); }
      });
    });
  });
  return out;
}

function parseQuery(query) {
  return query.normalize("NFKC").split(/\s+/).map(function (raw) {
    var folded = fold(raw).s;
    return { raw: raw, folded: folded, cite: citeKeys(folded), alts: alternatives(folded), fuzzy: false };
  }).filter(function (t) { return t.folded.length > 0; });
}

// how well one unit matches one term: {q, at: [folded offsets in the text], len, part}
function folded(unit) {
  if (unit.ftext === null) unit.ftext = fold(unit.text).s;
  return unit.ftext;
}

function matchTerm(unit, term, fuzzy) {
  if (term.cite) {
    for (var k = 0; k < unit.parts.length; k++) {
      if (unit.parts[k].cite && term.cite.indexOf(unit.parts[k].cite) >= 0) return { q: 4, at: [], len: 0, part: k };
    }
  }
  var best = null;
  for (var a = 0; a < term.alts.length; a++) {
    var alt = term.alts[a];
    var weight = alt.synonym ? 0.7 : 1;
    var inTitle = unit.ftitle.indexOf(alt.s) >= 0;
    var at = findAll(folded(unit), alt.s, 20);
    if (!inTitle && !at.length) continue;
    // a heading that is mostly the term (第23条（免責）) before one that mentions it among other words
    var closeness = inTitle ? alt.s.length / Math.max(unit.ftitle.length, 1) : 0;
    var q = weight * ((inTitle ? 2.5 + closeness : 0) + (at.length ? 2 : 0)) + Math.min(at.length, 10) * 0.05;
    if (!best || q > best.q) best = { q: q, at: at, len: alt.s.length, part: -1, synonym: alt.synonym, inTitle: inTitle };
  }
  if (best) return best;
  if (unit.doc.ftitle.indexOf(term.folded) >= 0) return { q: 0.5, at: [], len: 0, part: -1, title: true };
  if (fuzzy) {
    var f = fuzzyFind(folded(unit), term.folded), t = fuzzyFind(unit.ftitle, term.folded);
    if (f >= 0 || t >= 0) return { q: 0.3, at: f >= 0 ? [f] : [], len: term.folded.length, part: -1, fuzzy: true };
  }
  return null;
}

function mapped(unit) {
  if (!unit.map) unit.map = fold(unit.text, true);
  return unit.map;
}

function partAt(unit, offset) {
  var k = 0;
  for (var i = 0; i < unit.parts.length; i++) if (unit.parts[i].offset <= offset) k = i;
  return k;
}

function ancestors(unit, k) {
  var out = [];
  for (; k >= 0; k = unit.parts[k].parent) out.push(k);
  return out;
}

// the deepest provision that holds every term that matched in the text
function landing(unit, matches) {
  var cited = matches.filter(function (m) { return m && m.part >= 0; });
  if (cited.length) return cited[0].part;
  // every term in the heading: the article is about them, land on its top
  if (matches.every(function (m) { return !m || m.inTitle || m.title; })) return 0;
  var map = mapped(unit), sets = [];
  matches.forEach(function (m) {
    if (!m || !m.at.length || m.inTitle) return;  // a term of the heading holds wherever the others are
    var set = {};
    m.at.forEach(function (pos) { ancestors(unit, partAt(unit, map.from[pos])).forEach(function (k) { set[k] = true; }); });
    sets.push(set);
  });
  if (!sets.length) return 0;
  var deepest = 0;
  Object.keys(sets[0]).forEach(function (key) {
    var k = +key;
    if (sets.every(function (s) { return s[k]; }) && ancestors(unit, k).length > ancestors(unit, deepest).length) deepest = k;
  });
  return deepest;
}

function ranges(unit, matches, start, end) {
  var map = mapped(unit), out = [];
  matches.forEach(function (m) {
    if (!m) return;
    m.at.forEach(function (pos) {
      var a = map.from[pos], b = map.to[Math.min(pos + m.len, map.to.length) - 1];
      if (a >= start && b <= end) out.push([a, b]);
    });
  });
  return out.sort(function (x, y) { return x[0] - y[0] || y[1] - x[1]; });
}

function highlight(text, spans, offset) {
  var out = "", pos = 0;
  spans.forEach(function (r) {
    var a = r[0] - offset, b = r[1] - offset;
    if (a < pos) return;
    out += escapeHtml(text.slice(pos, a)) + "<mark>" + escapeHtml(text.slice(a, b)) + "</mark>";
    pos = b;
  });
  return out + escapeHtml(text.slice(pos));
}

function partEnd(unit, k) {
  for (var i = k + 1; i < unit.parts.length; i++) {
    if (ancestors(unit, i).indexOf(k) < 0) return unit.parts[i].offset;
  }
  return unit.text.length;
}

function result(found, terms, detailed, used) {
  var unit = found.unit, edition = unit.edition;
  var docLine = escapeHtml(unit.doc.title + edition.label) + (found.tier === 1 ? "（一部の語に一致）" : found.tier === 2 ? "（近い表記）" : "");
  var anchor = unit.anchor, text = "", title = escapeHtml(unit.title);
  if (detailed) {
    var k = landing(unit, found.matches);
    anchor = unit.parts[k] ? unit.parts[k].anchor : unit.anchor;
    var start = unit.parts[k] ? unit.parts[k].offset : 0, end = partEnd(unit, k);
    var spans = ranges(unit, found.matches, start, end);
    var first = spans.length ? spans[0][0] : start;
    var from = Math.max(start, first - 40), to = Math.min(end, Math.max(first, from) + 120);
    var inside = spans.filter(function (r) { return r[0] >= from && r[1] <= to; });
    text = (from > 0 ? "…" : "") + highlight(unit.text.slice(from, to), inside, from) + (to < unit.text.length ? "…" : "");
    var titleSpans = [];
    terms.forEach(function (t) {
      var f = fold(unit.title, true);
      t.alts.forEach(function (alt) {
        findAll(f.s, alt.s, 5).forEach(function (pos) { titleSpans.push([f.from[pos], f.to[pos + alt.s.length - 1]]); });
      });
    });
    title = highlight(unit.title, titleSpans.sort(function (x, y) { return x[0] - y[0]; }), 0);
    var words = {};
    spans.forEach(function (r) { words[unit.text.slice(r[0], r[1])] = true; });
    var hl = Object.keys(words).slice(0, 6);
    var params = hl.length ? "?" + hl.map(function (w) { return "hl=" + encodeURIComponent(w); }).join("&") : "";
    var location = edition.url + params + (anchor ? "#" + anchor : "");
  } else {
    location = edition.url + (anchor ? "#" + anchor : "");
  }
  // a card of two entries: Material shows the last as the heading (here the provision, linking to its anchor)
  // and the first as a section with the highlighted teaser
  return [
    { location: location, title: docLine, text: text, score: found.score, terms: used },
    { location: location, title: title, text: "", score: found.score, terms: used }
  ];
}

// how each unit matches each term, from the pair index and the headings: [unit number → [match per term]]
function indexMatches(terms) {
  var found = {};
  terms.forEach(function (t, i) {
    var hits = {}, any = false;
    t.alts.forEach(function (alt) {
      var q = alt.synonym ? 1.4 : 2;
      candidates(alt.s).forEach(function (n) {
        if (!hits[n] || hits[n].q < q) hits[n] = { q: q, synonym: alt.synonym };
        any = true;
      });
    });
    units.forEach(function (u) {
      if (t.cite && u.cite && t.cite.some(function (k) { return k === u.cite || k.indexOf(u.cite + "/") === 0; })) {
        hits[u.id] = { q: 4, cite: true };
        any = true;
        return;
      }
      for (var a = 0; a < t.alts.length; a++) {
        if (u.ftitle.indexOf(t.alts[a].s) >= 0) {
          var h = hits[u.id] || (hits[u.id] = { q: 0 });
          h.q += (t.alts[a].synonym ? 0.7 : 1) * (2.5 + t.alts[a].s.length / Math.max(u.ftitle.length, 1));
          h.inTitle = true;
          any = true;
          break;
        }
      }
    });
    // a term that matches nothing as written, nor by a variant or synonym, may be misspelt by a character
    t.fuzzy = !any;
    if (t.fuzzy) near(t.folded).forEach(function (n) { hits[n] = { q: 0.3, fuzzy: true }; });
    Object.keys(hits).forEach(function (n) { (found[n] = found[n] || [])[i] = hits[n]; });
  });
  // a term in the document's name counts for the document's units that other terms found
  Object.keys(found).forEach(function (n) {
    var u = units[n];
    terms.forEach(function (t, i) {
      if (!found[n][i] && u.doc.ftitle.indexOf(t.folded) >= 0) found[n][i] = { q: 0.5, title: true };
    });
  });
  return found;
}

function rank(unit, matches, terms) {
  var exact = 0, near = 0, own = 0, score = 0;
  for (var i = 0; i < terms.length; i++) {
    var m = matches[i];
    if (!m) continue;
    if (m.fuzzy) near++; else exact++;
    if (!m.title) own++;
    score += m.q;
  }
  if (!own && !near) return null;  // matched by the document's title alone: the document, not this article
  var tier = exact === terms.length ? 0 : exact + near === terms.length && near ? 2 : 1;
  if (tier === 1 && (exact === 0 || terms.length === 1)) return null;
  if (!unit.edition.upcoming) score += 0.01;  // the version in force before the upcoming one
  return { unit: unit, matches: matches, tier: tier, exact: exact, score: score,
           mine: unit.doc.slug === READER_DOC ? 0 : 1 };
}

function order(a, b) {
  return a.tier - b.tier || b.exact - a.exact || a.mine - b.mine || b.score - a.score;
}

// the first results, checked against their text (the pair index may find pairs that do not stand together)
function check(found, terms, upto) {
  return Promise.all(found.slice(0, upto).map(function (f) { return loadText(f.unit); })).then(function () {
    var checked = [], dropped = 0;
    found.slice(0, upto).forEach(function (f) {
      var matches = terms.map(function (t) { return matchTerm(f.unit, t, t.fuzzy); });
      var again = rank(f.unit, matches, terms);
      if (again) checked.push(again); else dropped++;
    });
    return { checked: checked.sort(order), dropped: dropped };
  });
}

function search(query, seq) {
  var terms = parseQuery(query);
  if (!terms.length) return Promise.resolve({ items: [] });
  var strings = [];
  terms.forEach(function (t) { t.alts.forEach(function (a) { strings.push(a.s); }); });
  return loadShards(strings).then(function () {
    if (seq !== latest) return null;
    var byUnit = indexMatches(terms), found = [];
    Object.keys(byUnit).forEach(function (n) {
      var f = rank(units[n], byUnit[n], terms);
      if (f) found.push(f);
    });
    found.sort(order);
    var upto = Math.min(DETAILED, found.length);
    return check(found, terms, upto).then(function (c) {
      // what failed the check leaves the list; the next ones are checked in their place, once
      var rest = found.slice(upto);
      if (!c.dropped || !rest.length) return { shown: c.checked, rest: rest };
      return check(rest, terms, c.dropped).then(function (d) {
        return { shown: c.checked.concat(d.checked).sort(order), rest: rest.slice(c.dropped) };
      });
    }).then(function (r) {
      var used = {};
      terms.forEach(function (t) { used[t.raw] = true; });
      // a query that names a document (its title holds every term) lists the document itself first
      var named = docs.filter(function (d) {
        return terms.every(function (t) { return d.ftitle.indexOf(t.folded) >= 0; });
      }).map(function (d) {
        var f = fold(d.title, true), spans = [];
        terms.forEach(function (t) {
          findAll(f.s, t.folded, 5).forEach(function (pos) { spans.push([f.from[pos], f.to[pos + t.folded.length - 1]]); });
        });
        var title = highlight(d.title, spans.sort(function (x, y) { return x[0] - y[0]; }), 0);
        return [{ location: d.editions[0].url, title: title, text: "", score: 1000, terms: used }];
      });
      return { items: named.concat(r.shown.map(function (f) { return result(f, terms, true, used); }),
                                   r.rest.map(function (f) { return result(f, terms, false, used); })) };
    });
  });
}

addEventListener("message", function (ev) {
  var message = ev.data;
  if (message.type === SETUP) {
    index = (message.data && message.data.config && message.data.config.terms) || null;
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var seq = ++latest, query = String(message.data || "");
    if (!query.trim() || !index) { postMessage({ type: RESULT, data: { items: [] } }); return; }
    load().then(function () { return search(query, seq); }).then(function (data) {
      if (data && seq === latest) postMessage({ type: RESULT, data: data });
    }).catch(function (err) { console.error("terms search:", err); });
  }
});
