// Service worker of the member handbook (scope {{ scope }}), served by a view so that it can
// control every handbook page. Pages: network first, the copy kept for offline; the app shell:
// from the cache, refreshed in the background; web push: show the notice, open it on click.
"use strict";
const SHELL = "hb-shell-v{{ version }}";
const PAGES = "hb-pages-v1";
const SCOPE = "{{ scope|escapejs }}";
const OFFLINE_URL = "{{ offline_url|escapejs }}";
const STATIC_PREFIX = "{{ static_prefix|escapejs }}";
const LOGOUT_URL = "{{ logout_url|escapejs }}";
const ICON = "{{ icon|escapejs }}";
const SHELL_URLS = [{% for url in shell %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
const NOT_CACHED = [{% for url in not_cached %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(SHELL_URLS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("hb-") && k !== SHELL && k !== PAGES).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

function keep(cacheName, request, response) {
  if (response && response.ok && response.type === "basic" && !response.redirected) {
    const copy = response.clone();
    caches.open(cacheName).then((cache) => cache.put(request, copy));
  }
  return response;
}

function fromShell(request) {
  return caches.match(request, { ignoreVary: true }).then((hit) => {
    const fresh = fetch(request).then((response) => keep(SHELL, request, response));
    return hit || fresh;
  });
}

function networkFirst(request) {
  return fetch(request)
    .then((response) => keep(PAGES, request, response))
    .catch(() =>
      caches.match(request, { ignoreVary: true }).then((hit) => {
        if (hit) return hit;
        if (request.mode === "navigate") return caches.match(OFFLINE_URL, { ignoreVary: true });
        return Response.error();
      })
    );
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    // Logging out on this device forgets the pages kept for offline reading.
    if (url.pathname === LOGOUT_URL) caches.delete(PAGES);
    return;
  }
  if (request.headers.get("HX-Request")) return; // page fragments are not pages
  if (url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(fromShell(request));
  } else if (url.pathname.startsWith(SCOPE) && !NOT_CACHED.includes(url.pathname)) {
    event.respondWith(networkFirst(request));
  }
});

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = { title: event.data ? event.data.text() : "" };
  }
  event.waitUntil(
    self.registration.showNotification(data.title || "Chi Bộ Số", {
      body: data.body || "",
      icon: ICON,
      badge: ICON,
      data: { url: data.url || SCOPE },
    })
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data.url || SCOPE, self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      for (const client of windows) {
        if (client.url === target && "focus" in client) return client.focus();
      }
      return self.clients.openWindow(target);
    })
  );
});
