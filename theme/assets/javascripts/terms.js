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
