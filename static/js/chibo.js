// Tree nodes: the first click loads the children with HTMX; later clicks only show or hide them.
document.addEventListener("click", (event) => {
  const button = event.target.closest(".tree .toggle");
  if (!button) return;
  const list = document.getElementById(button.getAttribute("aria-controls"));
  if (!list) return;
  const expanded = button.getAttribute("aria-expanded") === "true";
  button.setAttribute("aria-expanded", String(!expanded));
  if (button.dataset.loaded) {
    list.hidden = expanded;
  } else {
    button.dataset.loaded = "1";
  }
});
