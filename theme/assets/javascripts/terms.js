// terms-site: switch the wording of an upcoming-version banner on its effective day.
//
// The site is static and may be served for days after it was built; the daily rebuild makes the change
// permanent, but until then the reader's own date (in Japan, where the terms take effect) decides.
(function () {
  "use strict";
  function todayInJapan() {
    // sv-SE formats dates as YYYY-MM-DD
    return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo" }).format(new Date());
  }
  function update() {
    var today = todayInJapan();
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
// Every permalink gets a "copy" button: it puts a citation and both URLs on the clipboard, e.g.
//   Hasso 利用規約 第14条第2項（2023年9月28日版）
//   https://…/hasso-terms/#art14-p2             (the version in force, whichever it is)
//   https://…/hasso-terms/2023-09-28/#art14-p2  (this version, forever)
// A link to an anchor this version does not have (an article deleted later, or added later) gets a notice that
// names the last version that had it.
(function () {
  "use strict";
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

  function addCopyButtons(m) {
    var links = document.querySelectorAll("a.terms-permalink[data-cite], [id][data-cite] > a.headerlink");
    links.forEach(function (link) {
      var holder = link.closest("[id]");
      var cite = link.getAttribute("data-cite") || (holder && holder.getAttribute("data-cite"));
      var anchor = (link.getAttribute("href") || "").replace(/^#/, "");
      if (!cite || !anchor) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "terms-copy";
      var label = m.en ? "Cite" : "引用";
      button.textContent = label;
      button.setAttribute("aria-label", m.en ? "Copy the citation and URL of " + cite : cite + "の引用とURLをコピー");
      button.addEventListener("click", function () {
        var text = citation(m, cite, anchor);
        var done = function () {
          button.textContent = m.en ? "Copied" : "コピーしました";
          button.setAttribute("data-copied", text);
          setTimeout(function () { button.textContent = label; }, 2000);
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(done, done);
        } else {
          done();
        }
      });
      link.insertAdjacentElement("afterend", button);
    });
  }

  function missingAnchorNotice() {
    var old = document.querySelector(".terms-missing-anchor");
    if (old) old.remove();
    var anchor = decodeURIComponent(location.hash.replace(/^#/, ""));
    var version = document.querySelector(".terms-version[data-anchors-url]");
    if (!anchor || !version || document.getElementById(anchor)) return;
    // the document's anchors.json says which versions have the anchor; fetched only now, when it is needed
    var source = new URL(version.getAttribute("data-anchors-url"), location.href);
    fetch(source).then(function (response) { return response.ok ? response.json() : {}; }).then(function (history) {
      var entry = history[anchor];
      // the reader may have followed another link while the file loaded
      if (!entry || decodeURIComponent(location.hash.replace(/^#/, "")) !== anchor) return;
      var notice = document.createElement("div");
      notice.className = "terms-missing-anchor";
      notice.setAttribute("role", "alert");
      var text = document.createElement("p");
      var en = version.getAttribute("data-lang") === "en";
      text.textContent = en
        ? "This version has no provision #" + anchor + ". Versions that have it: " + entry.versions.join(", ") + "."
        : "この版には #" + anchor + " の条項がありません。この条項がある版: " + entry.versions.join("、") + "。";
      var link = document.createElement("a");
      link.href = new URL(entry.url, source).href;
      link.textContent = en ? "Read it in the last version that had it (" + entry.name + ")" :
        "最後にあった版（" + entry.name + "）で読む";
      notice.appendChild(text);
      notice.appendChild(link);
      var content = document.querySelector("article.md-content__inner") || document.body;
      content.insertBefore(notice, content.firstChild);
    }, function () { /* no notice without the file: the page itself is unaffected */ });
  }

  function start() {
    var m = meta();
    if (m) addCopyButtons(m);
    missingAnchorNotice();
    window.addEventListener("hashchange", missingAnchorNotice);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
