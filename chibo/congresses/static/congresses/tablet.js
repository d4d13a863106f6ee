// A delegate's tablet: registers the service worker that keeps opened pages for offline
// reading, and says when the tablet is offline.
"use strict";
(function () {
  const body = document.querySelector("[data-tablet-sw]");
  if (body && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(body.dataset.tabletSw, { scope: body.dataset.tabletScope }).catch(() => {});
  }
  const banner = document.getElementById("offline-banner");
  function show() {
    if (banner) banner.hidden = navigator.onLine;
  }
  window.addEventListener("online", show);
  window.addEventListener("offline", show);
  show();
  // Logging out on this tablet forgets the pages kept for offline reading.
  document.querySelectorAll("form[action]").forEach((form) => {
    if (body && form.getAttribute("action") === body.dataset.logout && window.caches) {
      form.addEventListener("submit", () => window.caches.delete("cbs-tablet-v1"));
    }
  });
})();
