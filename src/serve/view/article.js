// The article page of `newskg serve` (compiled in, served inline): clicking a highlight
// shows its fact (and the facts of the highlights around it) with their rule ids;
// following a fact's link in the side list scrolls to its span and flashes its highlights.
"use strict";
(function () {
  const info = document.getElementById("info");
  const list = document.getElementById("info-list");
  const text = document.getElementById("text");
  const facts = document.getElementById("facts");
  if (!info || !list || !text || !facts) return;
  const item = (f) => document.getElementById("f" + f);
  function flash(elements) {
    for (const e of elements) {
      e.classList.add("flash");
      setTimeout(() => e.classList.remove("flash"), 1600);
    }
  }
  text.addEventListener("click", (event) => {
    const mark = event.target.closest("mark");
    if (!mark) return;
    list.replaceChildren();
    for (const c of facts.querySelectorAll("li.current")) c.classList.remove("current");
    // The clicked highlight first, then the ones it lies in.
    for (let m = mark; m; m = m.parentElement ? m.parentElement.closest("mark") : null) {
      const li = item(m.dataset.f);
      if (!li) continue;
      const copy = li.cloneNode(true);
      copy.removeAttribute("id");
      copy.classList.remove("current", "flash");
      list.appendChild(copy);
      li.classList.add("current");
    }
    const first = item(mark.dataset.f);
    if (first) first.scrollIntoView({ block: "nearest" });
    info.hidden = false;
  });
  document.getElementById("info-close").addEventListener("click", () => { info.hidden = true; });
  facts.addEventListener("click", (event) => {
    const a = event.target.closest("a.jump");
    if (!a) return;
    const f = a.closest("li").dataset.f;
    flash(text.querySelectorAll('mark[data-f="' + f + '"]'));
  });
  // Arriving with #mF-S (from a fact's page): flash that fact's highlights.
  const m = /^#m(\d+)-\d+$/.exec(window.location.hash);
  if (m) flash(text.querySelectorAll('mark[data-f="' + m[1] + '"]'));
})();
