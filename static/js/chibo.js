// Chi Bộ Số: the little custom JavaScript there is (no inline scripts: CSP).

// Tree nodes: the first expand loads the children with HTMX (custom event "chibo:load"); later
// clicks only show or hide them. A failed load can be retried by clicking again.
document.addEventListener("click", (event) => {
  const button = event.target.closest(".tree .toggle");
  if (!button || button.classList.contains("htmx-request")) return;
  const list = document.getElementById(button.getAttribute("aria-controls"));
  if (!list) return;
  const expanded = button.getAttribute("aria-expanded") === "true";
  button.setAttribute("aria-expanded", String(!expanded));
  list.hidden = expanded;
  if (!expanded && !button.dataset.loaded && window.htmx) {
    window.htmx.trigger(button, "chibo:load");
  }
});

document.addEventListener("htmx:afterRequest", (event) => {
  const button = event.detail.elt;
  if (!button.classList || !button.classList.contains("toggle")) return;
  if (event.detail.successful) {
    button.dataset.loaded = "1";
  } else {
    button.setAttribute("aria-expanded", "false");
    const list = document.getElementById(button.getAttribute("aria-controls"));
    if (list) {
      list.hidden = false;
      list.replaceChildren();
      const note = document.createElement("li");
      note.className = "note text-danger small";
      note.textContent = button.dataset.errorText || "";
      list.append(note);
    }
  }
});
