// Web push: subscribe this browser when the user asks (never on page load: the browser's own
// permission prompt must follow a click). The service worker (/so-tay/sw.js) shows the messages.
(function () {
  "use strict";

  function keyBytes(base64url) {
    const padded = base64url.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((base64url.length + 3) % 4);
    const raw = atob(padded);
    return Uint8Array.from(raw, (c) => c.charCodeAt(0));
  }

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  async function subscribe(panel) {
    const state = panel.querySelector(".push-state");
    const permission = await Notification.requestPermission();
    if (permission !== "granted") {
      state.textContent = state.dataset.denied;
      return;
    }
    const registration = await navigator.serviceWorker.register(panel.dataset.swUrl, { scope: panel.dataset.swScope });
    await navigator.serviceWorker.ready;
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(panel.dataset.pushKey),
    });
    const response = await fetch(panel.dataset.subscribeUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(subscription.toJSON()),
    });
    if (response.ok) {
      state.textContent = state.dataset.on;
      panel.querySelector(".push-enable").hidden = true;
    }
  }

  function init() {
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return;
    document.querySelectorAll(".push-panel").forEach((panel) => {
      panel.hidden = false;
      const button = panel.querySelector(".push-enable");
      if (Notification.permission === "granted") {
        navigator.serviceWorker.getRegistration(panel.dataset.swScope).then((registration) => {
          if (!registration) return;
          registration.pushManager.getSubscription().then((existing) => {
            if (existing) {
              button.hidden = true;
              panel.querySelector(".push-state").textContent = panel.querySelector(".push-state").dataset.on;
            }
          });
        });
      }
      button.addEventListener("click", () => subscribe(panel).catch(() => {}));
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
