// Sổ tay đảng viên: register the service worker (offline reading, web push) and show when the
// page is read offline. No inline scripts anywhere (CSP).
(function () {
  "use strict";
  const body = document.body;

  function showOffline() {
    const banner = document.getElementById("hb-offline");
    if (banner) banner.hidden = navigator.onLine;
  }

  if ("serviceWorker" in navigator && body.dataset.swUrl) {
    navigator.serviceWorker
      .register(body.dataset.swUrl, { scope: body.dataset.swScope })
      .catch(() => {});
  }
  window.addEventListener("online", showOffline);
  window.addEventListener("offline", showOffline);
  showOffline();

  // A confirmation before sending a form that says so (e.g. rejecting a request).
  document.addEventListener("submit", (event) => {
    const message = event.target.dataset.confirm;
    if (message && !window.confirm(message)) event.preventDefault();
  });
})();
