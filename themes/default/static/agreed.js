// agreed: the few behaviours that need a script. Everything else works without it.
(function () {
  "use strict";

  // What the copy buttons put on the clipboard: the canonical URL when the site has a
  // base_url, else the address of the paragraph as the page was opened.
  function paragraphUrl(button) {
    var para = button.closest(".para");
    // Resolution pages leave data-href out: the paragraph is at its own anchor there.
    return para.dataset.url || new URL(para.dataset.href || "#" + para.id, window.location.href).href;
  }

  // The paragraph as printed: without footnote markers and their tooltips.
  function paragraphText(button) {
    var para = button.closest(".para");
    var text = para && para.querySelector(".text");
    if (!text) return "";
    var copy = text.cloneNode(true);
    copy.querySelectorAll(".fn").forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  function copyPayload(button) {
    var url = paragraphUrl(button);
    if (button.dataset.copy === "link") return { text: url, html: null };
    var cite = citation(button.closest(".para"));
    var words = paragraphText(button);
    return {
      text: cite + ": \u201c" + words + "\u201d " + url,
      html: '<a href="' + escapeHtml(url) + '">' + escapeHtml(cite) + "</a>: \u201c" + escapeHtml(words) + "\u201d",
    };
  }

  // The citation is the accessible name of the paragraph's number (kept off a data attribute
  // so that it is not written twice for every paragraph).
  function citation(para) {
    var num = para.querySelector(".num");
    return para.dataset.cite || (num && num.getAttribute("aria-label")) || "";
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* the status line still shows it */ }
    area.remove();
  }

  function writeClipboard(payload) {
    var cb = navigator.clipboard;
    if (cb && window.ClipboardItem && payload.html) {
      var item = new ClipboardItem({
        "text/plain": new Blob([payload.text], { type: "text/plain" }),
        "text/html": new Blob([payload.html], { type: "text/html" }),
      });
      return cb.write([item]).catch(function () { return cb.writeText(payload.text); });
    }
    if (cb && cb.writeText) return cb.writeText(payload.text);
    return Promise.reject(new Error("no clipboard"));
  }

  function announce(button, text) {
    document.documentElement.setAttribute("data-copied", text);
    var status = document.getElementById("copy-status");
    if (!status) {
      status = document.createElement("p");
      status.id = "copy-status";
      status.className = "vh";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    status.textContent = "Copied: " + text;
    var label = button.textContent;
    button.textContent = "Copied";
    setTimeout(function () { button.textContent = label; }, 1500);
  }

  function onCopy(event) {
    var button = event.currentTarget;
    var payload = copyPayload(button);
    writeClipboard(payload)
      .catch(function () { fallbackCopy(payload.text); })
      .then(function () { announce(button, payload.text); });
  }

  // The copy buttons only work with a script, so the script adds them: pages stay small and
  // nothing dead is shown without JavaScript.
  function initCopy() {
    document.querySelectorAll(".para[id]").forEach(function (para) {
      var cite = citation(para);
      if (!cite) return;
      var tools = para.querySelector(".tools");
      if (!tools) {
        tools = document.createElement("div");
        tools.className = "tools";
        para.appendChild(tools);
      }
      [["link", "Copy link"], ["citation", "Copy citation"]].forEach(function (kind) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "copy";
        b.dataset.copy = kind[0];
        b.textContent = kind[1];
        b.setAttribute("aria-label", kind[1] + " of " + cite);
        b.addEventListener("click", onCopy);
        tools.appendChild(b);
      });
    });
  }

  function initFilter() {
    var box = document.getElementById("only-changed");
    if (!box) return;
    box.closest(".filter").hidden = false;
    box.addEventListener("change", function () { document.body.classList.toggle("only-changed", box.checked); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initCopy();
    initFilter();
  });
})();
