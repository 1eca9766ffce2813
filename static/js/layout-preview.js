// The settings page of a document (templates/reports/layout.html): the preview beside the
// form follows the form. A change sends the form, as it stands, to the preview address with
// the frame as its target ("ดูตัวอย่างตามค่าที่เลือก" does the same without JavaScript);
// nothing is kept until "บันทึกการตั้งค่า".
(function () {
  "use strict";
  var form = document.getElementById("layout-form");
  var button = document.getElementById("preview-button");
  if (!form || !button || typeof form.requestSubmit !== "function") {
    return;
  }
  var timer = null;
  function refresh() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      form.requestSubmit(button);
    }, 500);
  }
  form.addEventListener("input", refresh);
  form.addEventListener("change", refresh);
})();
