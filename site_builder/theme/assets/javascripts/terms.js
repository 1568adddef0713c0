// terms-site: statuses on the reader's date.
//
// The site is static and may be served for days after it was built; the daily rebuild makes a change
// permanent, but until then the reader's own date (in Japan, where the terms take effect) decides, on every
// status of every page alike: the upcoming banner, 施行予定 / 現行版 / 旧版, the 施行予定 badges.  A preview
// (TERMS_AS_OF) shows the day it previews, whatever the reader's clock says.
(function () {
  "use strict";
  function todayInJapan() {
    // sv-SE formats dates as YYYY-MM-DD
    return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo" }).format(new Date());
  }
  function shownDate() {
    var build = document.querySelector('meta[name="terms-build-date"]'), today = todayInJapan();
    if (!build) return today;
    if (build.hasAttribute("data-preview")) return build.getAttribute("content");
    return build.getAttribute("content") > today ? build.getAttribute("content") : today;
  }
  function update() {
    var today = shownDate();
    document.querySelectorAll("[data-terms-from]").forEach(function (el) {
      var from = el.getAttribute("data-terms-from"), until = el.getAttribute("data-terms-until");
      var words = (el.getAttribute("data-terms-words") || "").split("|");
      var key = today < from ? 0 : until && today > until ? 2 : 1;
      if (words.length === 3) el.textContent = words[key];
      else if (key > 0) el.hidden = true;  // a 施行予定 badge, on or after the day
    });
    document.querySelectorAll(".terms-upcoming[data-effective]").forEach(function (el) {
      if (today >= el.getAttribute("data-effective")) {
        var text = el.querySelector(".terms-upcoming-text");
        if (text) text.textContent = el.getAttribute("data-in-force-text");
        el.classList.add("terms-upcoming--in-force");
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update);
  else update();
})();

// --- linking to clauses -----------------------------------------------------------------------------------
//
// A provision has one control, its permalink ¶ (one tab stop, one tap target).  Following it also puts a
// citation and both URLs on the clipboard, e.g.
//   Hasso 利用規約 第14条第2項（2023年9月28日版）
//   https://…/hasso-terms/#art14-p2             (the version in force, whichever it is)
//   https://…/hasso-terms/2023-09-28/#art14-p2  (this version, forever)
// and says so in a status line.  Without a script it is a plain link.
// A link to an anchor this version does not have (an article deleted later, or added later) gets a notice that
// names the versions that have it.
(function () {
  "use strict";
  // a provision's permalink: the aria-label'd link its div[id] holds (provisions.html.j2; no class, to save bytes)
  var PERMALINK = "div[id] > a[aria-label]";
  function meta() {
    var el = document.querySelector(".terms-version");
    if (!el) return null;
    return {
      title: el.getAttribute("data-title"),
      date: el.getAttribute("data-version-date"),
      en: el.getAttribute("data-lang") === "en",
      current: new URL(el.getAttribute("data-current-url"), location.href),
      version: new URL(el.getAttribute("data-version-url"), location.href),
    };
  }

  function citation(m, cite, anchor) {
    var current = new URL(m.current.href); current.hash = anchor;
    var version = new URL(m.version.href); version.hash = anchor;
    var where = m.en ? ", " + cite + " (version of " + m.date + ")" : " " + cite + "（" + m.date + "版）";
    return m.title + where + "\n" + current.href + "\n" + version.href;
  }

  var status = null, statusTimer = 0;
  function say(text) {
    if (!status) {
      status = document.createElement("div");
      status.className = "terms-status";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = text;
    status.classList.add("terms-status--shown");
    clearTimeout(statusTimer);
    statusTimer = setTimeout(function () { status.classList.remove("terms-status--shown"); }, 4000);
  }

  function copyOnFollow(m) {
    document.addEventListener("click", function (e) {
      var link = e.target.closest && e.target.closest(PERMALINK + ", [id][data-cite] > a.headerlink");
      if (!link) return;
      var holder = link.closest("[id]");
      var cite = link.matches(PERMALINK) ? link.getAttribute("aria-label") :
        holder && holder.getAttribute("data-cite");
      var anchor = (link.getAttribute("href") || "").replace(/^#/, "");
      if (!cite || !anchor) return;
      var text = citation(m, cite, anchor);
      link.setAttribute("data-copied", text);
      var done = function () {
        say(m.en ? "Copied the citation and URL of " + cite + "." : cite + "の引用とURLをコピーしました。");
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { /* the link still works */ });
      }
    });
  }

  // 第14条第2項 from art14-p2 (DESIGN §4), for an anchor no version has; null for an id that is not a provision's
  function citeOf(anchor, en) {
    var parts = anchor.split("-"), head = /^(art|ch|appx|suppl)(\d*)((?:_\d+)*)$/.exec(parts[0]);
    if (!head || (head[1] !== "suppl" && !head[2])) return null;
    var branch = head[3].split("_").slice(1);
    var out = en ? { art: "Article ", ch: "Chapter ", appx: "Appendix ", suppl: "Supplementary Provisions" }[head[1]] + head[2] +
      (branch.length ? "-" + branch.join("-") : "") :
      { art: "第" + head[2] + "条", ch: "第" + head[2] + "章", appx: "別表第" + head[2], suppl: "附則" + head[2] }[head[1]] +
      branch.map(function (b) { return "の" + b; }).join("");
    for (var k = 1; k < parts.length; k++) {
      var m = /^([pis])(\d+)$/.exec(parts[k]);
      if (!m) return null;
      out += en ? "(" + m[2] + ")" : m[1] === "p" ? "第" + m[2] + "項" : m[1] === "i" ? "第" + m[2] + "号" : "（" + m[2] + "）";
    }
    return out;
  }

  function missingAnchorNotice() {
    var old = document.querySelector(".terms-missing-anchor");
    if (old) old.remove();
    var anchor = decodeURIComponent(location.hash.replace(/^#/, ""));
    var version = document.querySelector(".terms-version[data-anchors-url]");
    if (!anchor || !version || document.getElementById(anchor)) return;
    var en = version.getAttribute("data-lang") === "en";
    var here = Number(version.getAttribute("data-version-order"));
    // the document's anchors.json says which versions have the anchor; fetched only now, when it is needed
    var source = new URL(version.getAttribute("data-anchors-url"), location.href);
    fetch(source).then(function (response) { return response.ok ? response.json() : {}; }).then(function (history) {
      // the reader may have followed another link while the file loaded
      if (decodeURIComponent(location.hash.replace(/^#/, "")) !== anchor) return;
      var versions = history.versions || [], entry = (history.anchors || {})[anchor];
      var cite = entry ? entry.cite : citeOf(anchor, en);
      if (!cite) return;
      var lines = [], links = [];
      if (!entry) {
        lines.push(en ? "No version of this document has " + cite + "." : "この文書のどの版にも" + cite + "はありません。");
        var toc = document.getElementById("terms-toc");
        if (toc) links.push(["#terms-toc", en ? "Contents" : "目次を見る"]);
      } else {
        // the versions that have the anchor, before this one and after it (places in `versions`)
        var before = [], after = [];
        entry.at.forEach(function (at) { (at < here ? before : after).push(at); });
        var name = function (k) { return versions[k].name; };
        lines.push(en ? "This version has no " + cite + "." : "この版には" + cite + "がありません。");
        if (before.length) {
          var last = before[before.length - 1];
          lines.push(en ? "It was in " + before.map(name).join(", ") + "." :
            before.map(name).join("、") + "にありました。");
          links.push([versions[last].id + "/#" + anchor, en ? "Read it in the last version that had it (" + name(last) + ")" :
            "最後にあった版（" + name(last) + "）で読む"]);
        }
        if (after.length) {
          var first = after[0];
          lines.push(en ? "It was added in " + name(first) + "." : name(first) + "で加わりました。");
          links.push([versions[first].id + "/#" + anchor, en ? "Read it in " + name(first) :
            name(first) + "で読む"]);
        }
      }
      var notice = document.createElement("div");
      notice.className = "terms-missing-anchor";
      notice.setAttribute("role", "alert");
      var text = document.createElement("p");
      text.textContent = lines.join(en ? " " : "");
      notice.appendChild(text);
      links.forEach(function (l) {
        var p = document.createElement("p"), a = document.createElement("a");
        a.href = l[0].charAt(0) === "#" ? l[0] : new URL(l[0], source).href;
        a.textContent = l[1];
        p.appendChild(a);
        notice.appendChild(p);
      });
      var content = document.querySelector("article.md-content__inner") || document.body;
      content.insertBefore(notice, content.firstChild);
      notice.scrollIntoView({ block: "start" });
    }, function () { /* no notice without the file: the page itself is unaffected */ });
  }

  function start() {
    var m = meta();
    if (m) copyOnFollow(m);
    missingAnchorNotice();
    window.addEventListener("hashchange", missingAnchorNotice);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

// --- any two versions (/<doc>/compare/) ---------------------------------------------------------------------
//
// The build writes each version's provisions as JSON (api/v1/<doc>/<version>.json); this page pairs two of them
// by their anchors (stable across versions: DESIGN §4) and marks the changed words, so that any two versions can
// be compared without the build writing a page for every pair.  The units marked whole are those of the site's
// 新旧対照表 (site_builder/compare.py `_TOKEN`): a number, a katakana word, a Latin word, any other character.
(function () {
  "use strict";
  var app = document.querySelector(".terms-compare-any");
  if (!app) return;
  var TOKEN = /[0-9０-９]+(?:[,.，．][0-9０-９]+)*[十百千万億兆]*|[〇零一二三四五六七八九十百千壱弐参拾万億兆]+|[ァ-ヺヽヾｦ-ﾟー]+|[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ0-9０-９'’-]*|[^\S\n]+|[\s\S]/gu;
  var MAX_CELLS = 4000000;

  function esc(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  // [[op, text]] with op -1 (only old), 0 (both), 1 (only new): common ends first, an LCS of the middle
  function diff(a, b) {
    var x = a.match(TOKEN) || [], y = b.match(TOKEN) || [];
    var head = 0;
    while (head < x.length && head < y.length && x[head] === y[head]) head++;
    var tail = 0;
    while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
    var xs = x.slice(head, x.length - tail), ys = y.slice(head, y.length - tail);
    var mid = [];
    if (xs.length * ys.length > MAX_CELLS || !xs.length || !ys.length) {
      if (xs.length) mid.push([-1, xs.join("")]);
      if (ys.length) mid.push([1, ys.join("")]);
    } else {
      var n = xs.length, m = ys.length, L = [];
      for (var i = 0; i <= n; i++) L.push(new Uint32Array(m + 1));
      for (i = n - 1; i >= 0; i--) for (var j = m - 1; j >= 0; j--)
        L[i][j] = xs[i] === ys[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
      i = 0; j = 0;
      while (i < n || j < m) {
        if (i < n && j < m && xs[i] === ys[j]) { mid.push([0, xs[i]]); i++; j++; }
        else if (j < m && (i === n || L[i][j + 1] >= L[i + 1][j])) { mid.push([1, ys[j]]); j++; }
        else { mid.push([-1, xs[i]]); i++; }
      }
    }
    var out = [];
    function add(op, text) {
      if (!text) return;
      var last = out[out.length - 1];
      if (last && last[0] === op) last[1] += text; else out.push([op, text]);
    }
    add(0, x.slice(0, head).join(""));
    mid.forEach(function (d) { add(d[0], d[1]); });
    add(0, x.slice(x.length - tail).join(""));
    return out;
  }

  function side(parts, op, tag) {
    return parts.map(function (d) {
      if (d[0] === 0) return esc(d[1]);
      if (d[0] !== op) return "";
      return d[1].trim() ? "<" + tag + ">" + esc(d[1]) + "</" + tag + ">" : esc(d[1]);
    }).join("");
  }

  function same(o, n) {
    if (o.plain !== n.plain || o.children.length !== n.children.length) return false;
    for (var i = 0; i < o.children.length; i++) if (!same(o.children[i], n.children[i])) return false;
    return true;
  }

  function whole(p) {
    return [p.plain].concat(p.children.map(whole)).filter(Boolean).join("\n");
  }

  // rows: {status, depth, old, new} or {fold: [pairs], depth}.  Paired by anchor; a provision only the old
  // version has is shown where it stood, before the next provision both have.
  function rows(olds, news, depth, out) {
    // a provision without an anchor (a published 「第6条～第10条（略）」) is paired by its text
    function key(p) { return p.anchor ? "#" + p.anchor : "=" + p.plain; }
    var oldAt = {}, inNew = {};
    olds.forEach(function (o, k) { if (!(key(o) in oldAt)) oldAt[key(o)] = k; });
    news.forEach(function (n) { if (key(n) in oldAt) inNew[oldAt[key(n)]] = true; });
    var next = 0, run = [];
    function flush() { if (run.length) { out.push({ fold: run, depth: depth }); run = []; } }
    // 前文, 附則 and closing lines are never folded into an article run (as in the site's 新旧対照表)
    var APART = { preamble: 1, supplement: 1, closing: 1, appendix: 1, omitted: 1 };
    function group(p) { return APART[p.kind] ? p.kind : "main"; }
    function deletedUpTo(k) {
      for (; next < k; next++) if (!inNew[next]) { flush(); out.push({ status: "deleted", depth: depth, old: olds[next], new: null }); }
    }
    news.forEach(function (n) {
      if (!(key(n) in oldAt)) { flush(); out.push({ status: "added", depth: depth, old: null, new: n }); return; }
      var k = oldAt[key(n)], o = olds[k];
      delete oldAt[key(n)];
      deletedUpTo(k);
      next = Math.max(next, k + 1);
      if (same(o, n)) {
        if (run.length && group(run[run.length - 1][1]) !== group(n)) flush();
        run.push([o, n]);
        return;
      }
      flush();
      var leaf = !o.children.length && !n.children.length;
      out.push({ status: o.plain === n.plain && !leaf ? "unchanged" : "changed", depth: depth, old: o, new: n, own: !leaf });
      if (!leaf) rows(o.children, n.children, depth + 1, out);
    });
    deletedUpTo(olds.length);
    flush();
    return out;
  }

  function foldLabel(items, which) {
    if (items.length === 1 && items[0][which].kind === "omitted") return items[0][which].plain;  // as published
    var names = items.map(function (pair) { return pair[which].citation; }).filter(Boolean);
    if (!names.length) return "（略）";
    var first = names[0], last = names[names.length - 1];
    if (names.length === 1) return first + "（略）";
    // 「第1条第2項～第3項」: the second name without the part both share (up to a 条・項・号)
    var common = 0;
    while (common < first.length && first[common] === last[common]) common++;
    var cut = Math.max(first.lastIndexOf("条", common - 1), first.lastIndexOf("項", common - 1)) + 1;
    return first + "～" + last.slice(cut > 0 && cut < last.length ? cut : 0) + "（略）";
  }

  function cell(p, html, url, which) {
    var cls = "cmp-" + which, side = ' data-side="' + (which === "old" ? "改定前" : "改定後") + '"';
    if (!p) return '<td class="' + cls + ' cmp-empty"' + side + ">" + (which === "old" ? "（新設）" : "（削る）") + "</td>";
    var link = p.anchor ? ' <a class="cmp-open" href="' + esc(url + "#" + p.anchor) + '" aria-label="' +
      esc((p.citation || "この条項") + "を開く") + '">↗</a>' : "";
    return '<td class="' + cls + '"' + side + '><div class="cmp-text">' + html.replace(/\n/g, "<br>") + link + "</div></td>";
  }

  function table(oldData, newData, oldUrl, newUrl, names) {
    var list = rows(oldData.provisions, newData.provisions, 0, []);
    var body = list.map(function (r) {
      var d = "cmp-d" + Math.min(r.depth, 4);
      if (r.fold) {
        return '<tr class="cmp-fold ' + d + '"><td class="cmp-old"><span class="cmp-fold-label">' + esc(foldLabel(r.fold, 0)) +
          '</span></td><td class="cmp-new"><span class="cmp-fold-label">' + esc(foldLabel(r.fold, 1)) + "</span></td></tr>";
      }
      var o = r.old, n = r.new, oldHtml = "", newHtml = "";
      if (o && n) {
        var parts = diff(r.own ? o.plain : whole(o), r.own ? n.plain : whole(n));
        oldHtml = side(parts, -1, "del"); newHtml = side(parts, 1, "ins");
      } else if (o) oldHtml = "<del>" + esc(whole(o)) + "</del>";
      else newHtml = "<ins>" + esc(whole(n)) + "</ins>";
      return '<tr class="cmp-row cmp-' + r.status + " " + d + '"' + (n && n.anchor ? ' data-anchor="' + esc(n.anchor) + '"' : "") + ">" +
        cell(o, oldHtml, oldUrl, "old") + cell(n, newHtml, newUrl, "new") + "</tr>";
    }).join("");
    var changed = list.filter(function (r) { return !r.fold && r.status !== "unchanged"; }).length;
    return '<div class="terms-compare"><p class="terms-compare-note">（下線部は変更箇所）' +
      (changed ? "" : "　この二つの版の本文に違いはありません。") + '</p><table class="terms-compare-table"><thead><tr>' +
      '<th scope="col" class="cmp-old">改定前<span class="cmp-period">' + esc(names[0]) + "</span></th>" +
      '<th scope="col" class="cmp-new">改定後<span class="cmp-period">' + esc(names[1]) + "</span></th></tr></thead><tbody>" +
      body + "</tbody></table></div>";
  }

  var form = app.querySelector("form"), result = app.querySelector(".terms-compare-result");
  var api = new URL(app.getAttribute("data-api"), location.href);
  var cache = {};
  function load(id) {
    if (!cache[id]) cache[id] = fetch(new URL(id + ".json", api)).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + r.url);
      return r.json();
    });
    return cache[id];
  }
  function show() {
    var o = form.elements.old.value, n = form.elements.new.value;
    var names = [form.elements.old.selectedOptions[0].textContent, form.elements.new.selectedOptions[0].textContent];
    var params = new URLSearchParams({ old: o, new: n });
    history.replaceState(null, "", "?" + params.toString() + location.hash);
    result.textContent = "読み込み中…";
    Promise.all([load(o), load(n)]).then(function (data) {
      var pages = new URL("../", location.href);
      result.innerHTML = table(data[0], data[1], new URL(o + "/", pages).href, new URL(n + "/", pages).href, names);
    }).catch(function (e) { result.textContent = "版を読み込めませんでした（" + e.message + "）。"; });
  }
  var query = new URLSearchParams(location.search);
  ["old", "new"].forEach(function (k) {
    var v = query.get(k);
    if (v && form.elements[k].querySelector('option[value="' + CSS.escape(v) + '"]')) form.elements[k].value = v;
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); show(); });
  show();
})();

// --- 新旧対照表: a fold's 「本文」 shows the folded provisions in place -------------------------------------------
//
// The page does not carry the text of what it folds (a 60-article version would weigh twice as much); the link
// opens it on the version page, and here it is fetched from the versions' JSON and shown in the table instead.
(function () {
  "use strict";
  var table = document.querySelector(".terms-compare[data-api-new]");
  if (!table) return;
  var cache = {};
  function load(url) {
    if (!cache[url]) cache[url] = fetch(new URL(url, location.href)).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
    return cache[url];
  }
  function byAnchor(data) {
    var out = {};
    (function walk(list) { list.forEach(function (p) { if (p.anchor) out[p.anchor] = p; walk(p.children); }); })(data.provisions);
    return out;
  }
  function whole(p) { return [p.plain].concat(p.children.map(whole)).filter(Boolean).join("\n"); }
  function cell(p, side, name) {
    var td = document.createElement("td");
    td.className = "cmp-" + side;
    td.setAttribute("data-side", name);
    var div = document.createElement("div");
    div.className = "cmp-text";
    div.textContent = p ? whole(p) : "";
    div.innerHTML = div.innerHTML.replace(/\n/g, "<br>");
    td.appendChild(div);
    return td;
  }
  table.addEventListener("click", function (e) {
    var link = e.target.closest("a.cmp-expand");
    if (!link) return;
    e.preventDefault();
    var fold = link.closest("tr");
    var shown = fold.parentNode.querySelectorAll("tr.cmp-folded");
    if (shown.length) {
      shown.forEach(function (tr) { tr.remove(); });
      link.setAttribute("aria-expanded", "false");
      return;
    }
    Promise.all([load(table.getAttribute("data-api-old")), load(table.getAttribute("data-api-new"))]).then(function (data) {
      var olds = byAnchor(data[0]), news = byAnchor(data[1]);
      var oldIds = (fold.getAttribute("data-old") || "").split(" ").filter(Boolean);
      var newIds = (fold.getAttribute("data-new") || "").split(" ").filter(Boolean);
      var cells = Array.prototype.map.call(fold.children, function (td) {
        return [td.classList.contains("cmp-old") ? "old" : "new", td.getAttribute("data-side")];
      });
      var after = fold;
      for (var k = 0; k < Math.max(oldIds.length, newIds.length); k++) {
        var tr = document.createElement("tr");
        tr.className = "cmp-folded cmp-row cmp-unchanged " + Array.prototype.filter.call(fold.classList, function (c) {
          return c.indexOf("cmp-d") === 0;
        }).join(" ");
        cells.forEach(function (c) {
          tr.appendChild(cell(c[0] === "old" ? olds[oldIds[k]] : news[newIds[k]], c[0], c[1]));
        });
        after.after(tr);
        after = tr;
      }
      link.setAttribute("aria-expanded", "true");
    }).catch(function () { location.href = link.href; });  // no JSON: the version page has the text
  });
})();

// Search: Material searches on keyup and focus, so a text committed by an IME or pasted from a menu, which
// fires no keyup, would not search; tell Material the box changed.  Arriving from a result (?hl=…#art6-p3),
// mark the words that matched in the provision landed on.
(function () {
  "use strict";
  function watchBox() {
    var box = document.querySelector("input.md-search__input");
    if (!box) return;
    box.addEventListener("input", function (e) {
      if (e.isComposing) return;
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
    box.addEventListener("compositionend", function () {
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
  }

  function markIn(root, words) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentNode.closest("div[id] > a[aria-label], .terms-cite, script, style, mark")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var marked = 0;
    nodes.forEach(function (node) {
      var text = node.nodeValue, spans = [];
      words.forEach(function (w) {
        for (var at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + w.length)) spans.push([at, at + w.length]);
      });
      if (!spans.length) return;
      spans.sort(function (a, b) { return a[0] - b[0]; });
      var frag = document.createDocumentFragment(), pos = 0;
      spans.forEach(function (s) {
        if (s[0] < pos) return;
        frag.appendChild(document.createTextNode(text.slice(pos, s[0])));
        var mark = document.createElement("mark");
        mark.className = "terms-hit";
        mark.textContent = text.slice(s[0], s[1]);
        frag.appendChild(mark);
        marked++;
        pos = s[1];
      });
      frag.appendChild(document.createTextNode(text.slice(pos)));
      node.parentNode.replaceChild(frag, node);
    });
    return marked;
  }

  function highlightArrival() {
    var words = new URLSearchParams(location.search).getAll("hl").filter(function (w) { return w.length > 0; });
    var id = decodeURIComponent(location.hash.replace(/^#/, ""));
    if (!words.length || !id) return;
    var target = document.getElementById(id);
    if (!target) return;
    // an article's anchor is its heading: its text is what follows, up to the next heading of that level
    var roots = [target];
    if (/^H[1-6]$/.test(target.tagName)) {
      for (var el = target.nextElementSibling; el && !/^H[1-6]$/.test(el.tagName); el = el.nextElementSibling) roots.push(el);
    }
    var marked = 0;
    roots.forEach(function (r) { marked += markIn(r, words); });
    var first = target.querySelector("mark.terms-hit") || target;
    if (marked) first.scrollIntoView({ block: "center" });
  }

  function start() { watchBox(); highlightArrival(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

// --- defined terms ----------------------------------------------------------------------------------------
//
// A use of a defined term links to its definition and names it with aria-describedby (the page's hidden
// glossary holds each definition once).  The definition shows as one shared tooltip on hover and on focus;
// on a touch screen the first tap shows it and a second tap on the term follows the link.  Escape hides it.
(function () {
  "use strict";
  // `armed`: the term a tap showed; focus and the compatibility mouse events a tap fires show it too, but only a
  // tap that showed it makes the next tap follow the link
  var tip = null, armed = null, pointer = "mouse";

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "terms-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }

  function show(term) {
    var definition = document.getElementById(term.getAttribute("aria-describedby") || "");
    if (!definition) return;
    var t = tooltip();
    t.textContent = definition.textContent;
    t.hidden = false;
    // a phone: along the bottom of the screen (beside a term near the edge it would run off it)
    var narrow = window.innerWidth <= 600;
    t.classList.toggle("terms-tooltip--bottom", narrow);
    if (narrow) { t.style.left = t.style.top = ""; return; }
    var r = term.getBoundingClientRect(), width = document.documentElement.clientWidth;
    t.style.left = Math.max(8, Math.min(r.left, width - t.offsetWidth - 8)) + window.scrollX + "px";
    t.style.top = r.bottom + window.scrollY + 6 + "px";
  }

  function hide() {
    if (tip) tip.hidden = true;
    armed = null;
  }

  function termOf(node) { return node && node.closest ? node.closest("a.terms-defined[aria-describedby]") : null; }

  document.addEventListener("pointerdown", function (e) { pointer = e.pointerType || "mouse"; }, true);
  document.addEventListener("mouseover", function (e) {
    var term = termOf(e.target);
    if (term && pointer !== "touch") show(term);
  });
  document.addEventListener("mouseout", function (e) {
    var term = termOf(e.target);
    if (term && pointer !== "touch" && !term.contains(e.relatedTarget) && document.activeElement !== term) hide();
  });
  document.addEventListener("focusin", function (e) { var term = termOf(e.target); if (term) show(term); });
  document.addEventListener("focusout", function (e) { if (termOf(e.target) && pointer !== "touch") hide(); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
  document.addEventListener("click", function (e) {
    var term = termOf(e.target);
    if (term && pointer === "touch" && armed !== term) {
      e.preventDefault();  // the first tap shows the definition; the second follows the link
      show(term);
      armed = term;
    } else if (!term && tip && !tip.hidden && !tip.contains(e.target)) {
      hide();
    }
  });
  window.addEventListener("hashchange", hide);
})();

// --- arriving at a provision ------------------------------------------------------------------------------
//
// A link to #art14-p2 lands on the 項, whose article heading is often off the top of a phone's screen: the
// heading is repeated, small, above the highlighted provision, so the reader knows where they are.
(function () {
  "use strict";
  function headingOf(target) {
    // the article heading is the nearest h2-h4 with an id before the target, in the page's order
    var headings = document.querySelectorAll("article h2[id], article h3[id], article h4[id]"), found = null;
    for (var k = 0; k < headings.length; k++) {
      if (headings[k].compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING) found = headings[k];
      else break;
    }
    return found;
  }

  function mark() {
    var old = document.querySelector(".terms-arrival");
    if (old) old.remove();
    var id = decodeURIComponent(location.hash.replace(/^#/, ""));
    var target = id && document.getElementById(id);
    if (!target || !target.matches(".terms-paragraph, .terms-item, .terms-subitem, .terms-subsection")) return;
    var heading = headingOf(target);
    if (!heading) return;
    // a provision close under its heading: show the heading with it; one further down: repeat the heading
    var gap = target.getBoundingClientRect().top - heading.getBoundingClientRect().bottom;
    if (gap < window.innerHeight / 3) {
      heading.scrollIntoView({ block: "start" });
      return;
    }
    var label = document.createElement("p");
    label.className = "terms-arrival";
    var link = document.createElement("a");
    link.href = "#" + heading.id;
    link.textContent = heading.getAttribute("data-toc-label") || heading.textContent.replace(/¶$/, "").trim();
    label.appendChild(link);
    target.insertAdjacentElement("beforebegin", label);
    label.scrollIntoView({ block: "start" });
  }

  // after the browser's own scroll to the fragment, which happens on load
  function later() { setTimeout(mark, 0); }
  if (document.readyState === "complete") later();
  else window.addEventListener("load", later);
  window.addEventListener("hashchange", later);
})();
