// Service worker of a delegate's tablet pages (scope {{ scope }}): the tablet pages of a congress
// are fetched from the network first and the copy kept, so a document once opened can be read
// offline. Only /congresses/<id>/tablet/… pages are kept; never staff pages, never fragments
// (the live "now" box), and a classified document has no page to keep (the server refuses it).
"use strict";
const PAGES = "cbs-tablet-v1";
const SCOPE = "{{ scope|escapejs }}";
const STATIC_PREFIX = "{{ static_prefix|escapejs }}";
const LOGOUT_URL = "{{ logout_url|escapejs }}";
const TABLET_PAGE = new RegExp("^" + SCOPE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "\\d+/tablet/(documents/\\d+/)?$");

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function keep(request, response) {
  if (response && response.ok && response.type === "basic" && !response.redirected) {
    const copy = response.clone();
    caches.open(PAGES).then((cache) => cache.put(request, copy));
  }
  return response;
}

function networkFirst(request) {
  return fetch(request)
    .then((response) => keep(request, response))
    .catch(() => caches.match(request, { ignoreVary: true }).then((hit) => hit || Response.error()));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    if (url.pathname === LOGOUT_URL) caches.delete(PAGES);
    return;
  }
  if (request.headers.get("HX-Request")) return;
  if (url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request).then((r) => keep(request, r))));
  } else if (TABLET_PAGE.test(url.pathname)) {
    event.respondWith(networkFirst(request));
  }
});
