// The waiting page of a PDF being rendered ("กำลังจัดทำเอกสาร…"): poll the job's status and,
// once it is done (or failed, or its data changed), open the document's address again, which
// then serves the file (or the Thai failure page). Without JavaScript the page refreshes
// itself (<noscript><meta http-equiv="refresh">).
// The polls back off (0.7 s, then each wait half as long again, at most 5 s): a small document
// is ready within the first second or two, and under load the renders take longest exactly
// when the web workers are busiest, so steady polls were most of the traffic (load test, README).
(() => {
  const box = document.querySelector("[data-render-status]");
  if (!box) return;
  const statusUrl = box.dataset.renderStatus;
  const target = box.dataset.renderTarget;
  const bar = box.querySelector("progress");
  const label = box.querySelector("[data-render-label]");
  const percent = box.querySelector("[data-render-percent]");
  const FIRST = 700;
  const LONGEST = 5000;
  let delay = FIRST;
  const thai = (n) => String(n).replace(/[0-9]/g, (d) => "๐๑๒๓๔๕๖๗๘๙"[Number(d)]);
  const poll = async () => {
    try {
      const response = await fetch(statusUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      });
      if (response.ok) {
        const status = await response.json();
        if (bar) bar.value = status.progress;
        if (label) label.textContent = status.label;
        if (percent) percent.textContent = thai(status.progress);
        if (status.state !== "queued" && status.state !== "running") {
          window.location.replace(target);
          return;
        }
      } else if (response.status === 404) {
        window.location.replace(target); // the job was pruned: ask again
        return;
      }
    } catch (error) {
      // the network blinked: try again below
    }
    delay = Math.min(delay * 1.5, LONGEST);
    window.setTimeout(poll, delay);
  };
  window.setTimeout(poll, FIRST);
})();
