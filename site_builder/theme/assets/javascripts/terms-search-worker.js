// terms-site search worker: Material's search protocol, answered by substring matching.
//
// Material's UI sends {type: 0 (SETUP), data: {config, docs}} and then {type: 2 (QUERY), data: "query"}, and
// expects {type: 1 (READY)} and {type: 3 (RESULT), data: {items: [[item, …], …]}} back, each item a document with
// `score` and `terms` and its title/text already highlighted with <mark>.  Japanese needs no word segmentation to
// be searched well: every space-separated term must occur in the article (full/half width folded); a match in the
// heading ranks above one in the text.
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var docs = [];

function fold(s) {
  return s.normalize("NFKC").toLowerCase();
}

function escapeHtml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// NFKC keeps the length of these texts' characters (full-width ASCII, half-width kana aside), so positions found
// in the folded text are positions in the original; where they differ, the highlight is skipped, not wrong.
function mark(text, terms) {
  var folded = fold(text);
  if (folded.length !== text.length) return escapeHtml(text);
  var ranges = [];
  terms.forEach(function (t) {
    var at = folded.indexOf(t);
    while (at >= 0) { ranges.push([at, at + t.length]); at = folded.indexOf(t, at + t.length); }
  });
  ranges.sort(function (a, b) { return a[0] - b[0]; });
  var out = "", pos = 0;
  ranges.forEach(function (r) {
    if (r[0] < pos) return;
    out += escapeHtml(text.slice(pos, r[0])) + "<mark>" + escapeHtml(text.slice(r[0], r[1])) + "</mark>";
    pos = r[1];
  });
  return out + escapeHtml(text.slice(pos));
}

function snippet(doc, terms) {
  var at = doc.foldedText.indexOf(terms[0]);
  var start = Math.max(0, at - 40), end = Math.min(doc.text.length, (at < 0 ? 0 : at) + 120);
  return (start > 0 ? "…" : "") + mark(doc.text.slice(start, end), terms) + (end < doc.text.length ? "…" : "");
}

function count(haystack, needle) {
  var n = 0, at = haystack.indexOf(needle);
  while (at >= 0 && n < 20) { n++; at = haystack.indexOf(needle, at + needle.length); }
  return n;
}

function search(query) {
  var terms = fold(query).split(/[\s\u3000]+/).filter(function (t) { return t.length > 0; });
  if (!terms.length) return { items: [] };
  var found = [];
  docs.forEach(function (doc) {
    var score = 0;
    for (var i = 0; i < terms.length; i++) {
      var inTitle = doc.foldedTitle.indexOf(terms[i]) >= 0;
      var inText = count(doc.foldedText, terms[i]);
      if (!inTitle && !inText) return;  // every term must occur
      score += (inTitle ? 100 + 50 / doc.title.length : 0) + Math.min(inText, 10) * 2;
    }
    if (!doc.upcoming) score += 1;  // the version in force before the upcoming one
    found.push({ doc: doc, score: score });
  });
  found.sort(function (a, b) { return b.score - a.score; });
  var used = {};
  terms.forEach(function (t) { used[t] = true; });
  return {
    items: found.slice(0, 50).map(function (f) {
      var d = f.doc;
      // a card of two entries: Material shows the last as the heading (here the article, linking to its
      // anchor) and the first as a section with the highlighted teaser
      return [
        { location: d.location, title: escapeHtml(d.doc), text: snippet(d, terms), score: f.score, terms: used },
        { location: d.location, title: mark(d.title, terms), text: "", score: f.score, terms: used }
      ];
    })
  };
}

addEventListener("message", function (ev) {
  var message = ev.data;
  if (message.type === SETUP) {
    docs = message.data.docs.map(function (d) {
      return {
        location: d.location, title: d.title, text: d.text, doc: d.doc || "", upcoming: !!d.upcoming,
        foldedTitle: fold(d.title), foldedText: fold(d.text)
      };
    });
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    postMessage({ type: RESULT, data: search(message.data) });
  }
});
