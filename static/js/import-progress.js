// The progress of a workbook being checked or imported in the background: asks the job's
// status every second and updates the count; reloads the page when the job has finished.
// Without JavaScript the page reloads itself (its Refresh header).
(() => {
  const box = document.querySelector("[data-import-job]");
  if (!box) return;
  const text = box.querySelector("[data-import-progress]");
  const bar = box.querySelector("progress");
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.importJob, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const status = await response.json();
        if (!status.running) {
          window.location.reload();
          return;
        }
        if (text) text.textContent = status.text;
        if (bar) {
          bar.max = status.total;
          bar.value = status.done;
        }
      }
    } catch (error) {
      // the page's own refresh carries on
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 1000);
})();
