// Small behaviours of the portal's pages. They live here, never inline in the templates: the
// Content-Security-Policy (default-src 'self') refuses inline scripts and on...= handlers.

// <select data-submit-on-change>: choosing an option submits its form (a filter, say). The
// form keeps a <noscript> button for browsers without JavaScript.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-submit-on-change]");
  if (!field || !field.form) return;
  if (field.form.requestSubmit) field.form.requestSubmit();
  else field.form.submit();
});

// <button data-copy="#field">: copies the field's value (a public address, say) and says so
// on the button for a moment.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const field = document.querySelector(button.dataset.copy);
  if (!field) return;
  field.select();
  const done = () => {
    const label = button.textContent;
    button.textContent = button.dataset.copied || label;
    setTimeout(() => { button.textContent = label; }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(done, () => document.execCommand("copy") && done());
  } else if (document.execCommand("copy")) {
    done();
  }
});

// <button data-print>: the browser's print dialog (the QR poster).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});

// Wide tables become cards on a narrow screen (static/css/portal.css): each cell is labelled
// with its column's heading. A table of fewer than four columns stays a table.
function labelTableCells() {
  for (const table of document.querySelectorAll("table.grid")) {
    const headings = [...table.querySelectorAll("thead tr:last-child th")].map((th) => th.textContent.trim());
    if (headings.length < 4) continue;
    for (const row of table.querySelectorAll("tbody tr")) {
      let column = 0; // a merged cell takes the place of several columns
      for (const cell of row.children) {
        if (headings[column] && cell.colSpan === 1) cell.dataset.label = headings[column];
        column += cell.colSpan || 1;
      }
    }
    table.dataset.cards = "";
  }
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", labelTableCells);
else labelTableCells();

// Buttons that only work with JavaScript (copy, print) stay hidden without it.
for (const button of document.querySelectorAll("[data-copy][hidden], [data-print][hidden]")) {
  button.hidden = false;
}
