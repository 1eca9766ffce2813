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
