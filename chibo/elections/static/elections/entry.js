// Paper ballot entry without a mouse: Alt+K toggles "not issued", Alt+T "names added"; the
// focus stays in the struck-names field, so Enter saves the ballot.
document.addEventListener("keydown", (event) => {
  if (!event.altKey) return;
  const ids = { k: "not_issued", t: "names_added" };
  const id = ids[event.key.toLowerCase()];
  if (!id) return;
  const box = document.getElementById(id);
  if (!box) return;
  event.preventDefault();
  box.checked = !box.checked;
  document.getElementById("struck")?.focus();
});
