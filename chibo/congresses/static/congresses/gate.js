// The gate's scanner: reads delegates' badge QR codes with the camera where the browser can
// (BarcodeDetector), and sends each code, scanned or typed, without reloading the page.
"use strict";
(function () {
  const form = document.getElementById("check-in-form");
  if (!form) return;
  const token = document.getElementById("check-in-token");
  const method = document.getElementById("check-in-method");
  const result = document.getElementById("check-in-result");
  const startButton = document.getElementById("start-camera");
  const noCamera = document.getElementById("no-camera");
  const scanner = document.getElementById("scanner");
  const video = document.getElementById("camera");
  let lastCode = "";
  let lastAt = 0;
  let busy = false;

  function refreshPresence() {
    const presence = document.getElementById("presence");
    if (presence && window.htmx) {
      window.htmx.ajax("GET", presence.getAttribute("hx-get"), { target: "#presence", swap: "outerHTML" });
    }
  }

  function send() {
    if (busy || !token.value.trim()) return;
    busy = true;
    const data = new FormData(form);
    fetch(form.action, {
      method: "POST",
      body: data,
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    })
      .then((response) => response.text())
      .then((html) => {
        result.innerHTML = html;
        token.value = "";
        method.value = "manual";
        refreshPresence();
      })
      .catch(() => {
        result.innerHTML = '<div class="alert alert-warning mb-0 py-2">' + (form.dataset.offline || "Mất kết nối; thử lại.") + "</div>";
      })
      .finally(() => {
        busy = false;
        token.focus();
      });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send();
  });

  if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    if (noCamera) noCamera.hidden = false;
    return;
  }
  startButton.hidden = false;
  startButton.addEventListener("click", () => {
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then((stream) => {
        video.srcObject = stream;
        scanner.hidden = false;
        startButton.hidden = true;
        return video.play();
      })
      .then(() => {
        const tick = () => {
          detector
            .detect(video)
            .then((codes) => {
              const code = codes.length ? codes[0].rawValue : "";
              const now = Date.now();
              // The same badge held in front of the camera is sent once, not every frame.
              if (code && (code !== lastCode || now - lastAt > 5000)) {
                lastCode = code;
                lastAt = now;
                token.value = code;
                method.value = "badge";
                send();
              }
            })
            .catch(() => {})
            .finally(() => window.setTimeout(tick, 300));
        };
        tick();
      })
      .catch(() => {
        if (noCamera) noCamera.hidden = false;
        startButton.hidden = true;
      });
  });
})();
