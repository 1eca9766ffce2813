// The Django admin, made accessible where Django's own scripts are not (axe, issue 15):
// select2's combobox is named by its select's label (or the select's aria-label in a
// tabular inline, which has no labels), also for rows added later; the empty first header
// of a tabular inline (over each row's saved record) says what the column is.
(function () {
  "use strict";

  function name(select) {
    var holder = select.nextElementSibling;
    var box = holder && holder.querySelector(".select2-selection");
    if (!box || box.dataset.named) return;
    var label = select.id && document.querySelector('label[for="' + CSS.escape(select.id) + '"]');
    var shown = box.querySelector(".select2-selection__rendered"); // role=textbox: the value
    if (label) {
      label.id = label.id || select.id + "-label";
      var value = box.getAttribute("aria-labelledby");
      box.setAttribute("aria-labelledby", label.id + (value ? " " + value : ""));
      if (shown) shown.setAttribute("aria-labelledby", label.id);
    } else if (select.getAttribute("aria-label")) {
      box.removeAttribute("aria-labelledby");
      box.setAttribute("aria-label", select.getAttribute("aria-label"));
      if (shown) shown.setAttribute("aria-label", select.getAttribute("aria-label"));
    }
    box.dataset.named = "1";
  }

  function nameAll() {
    document.querySelectorAll("select.admin-autocomplete").forEach(name);
    document.querySelectorAll("th.original:empty").forEach(function (th) {
      var text = document.createElement("span");
      text.className = "visually-hidden";
      text.textContent = "รายการที่บันทึกไว้";
      th.appendChild(text);
    });
  }

  // Only the page's content is watched (select2 puts its combobox beside the select there;
  // its dropdown, appended to <body>, needs no name), and a burst of changes — a row added,
  // a search typed — is named once, at the next frame.
  var pending = false;
  function later() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      nameAll();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameAll();
    var content = document.getElementById("content") || document.body;
    new MutationObserver(later).observe(content, { childList: true, subtree: true });
  });
})();
