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

// The last breadcrumb of a page that names none takes the page's heading.
document.addEventListener("DOMContentLoaded", () => {
  // A page that draws its own, longer trail (a unit's ancestors, a member's unit) keeps it alone.
  const own = document.querySelector("main .breadcrumb");
  const shell = document.getElementById("shell-crumbs");
  if (own && shell) {
    shell.remove();
    return;
  }
  const crumb = document.querySelector(".breadcrumb [data-crumb-auto]");
  if (crumb && !crumb.textContent.trim()) {
    const heading = document.querySelector("main h1");
    if (heading && heading.textContent.trim()) crumb.textContent = heading.textContent.trim();
    else crumb.remove();
  }
});

// The header's search box: results arrive by HTMX (POST); arrows move through them, Enter opens
// the highlighted one (or the full results page), Escape closes the list.
(() => {
  const hits = (popup) => Array.from(popup.querySelectorAll(".search-hit"));
  document.addEventListener("keydown", (event) => {
    const input = event.target.closest && event.target.closest("#global-q");
    if (!input) return;
    const popup = document.getElementById("global-results");
    const list = hits(popup);
    const current = list.findIndex((a) => a.classList.contains("is-active"));
    const select = (index) => {
      list.forEach((a, i) => {
        a.classList.toggle("is-active", i === index);
        a.setAttribute("aria-selected", String(i === index));
      });
      if (list[index]) {
        input.setAttribute("aria-activedescendant", list[index].id);
        list[index].scrollIntoView({ block: "nearest" });
      }
    };
    if (event.key === "ArrowDown" && list.length) {
      event.preventDefault();
      select(current < list.length - 1 ? current + 1 : 0);
    } else if (event.key === "ArrowUp" && list.length) {
      event.preventDefault();
      select(current > 0 ? current - 1 : list.length - 1);
    } else if (event.key === "Enter" && current >= 0) {
      event.preventDefault();
      window.location.href = list[current].href;
    } else if (event.key === "Escape") {
      popup.replaceChildren();
      input.setAttribute("aria-expanded", "false");
    }
  });
  document.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target.id !== "global-results") return;
    const input = document.getElementById("global-q");
    if (input) input.setAttribute("aria-expanded", String(hits(event.detail.target).length > 0));
  });
  document.addEventListener("click", (event) => {
    const popup = document.getElementById("global-results");
    if (popup && !event.target.closest(".global-search")) popup.replaceChildren();
  });
})();

// Home cards: a card's small bar chart (data in a json_script of the fragment HTMX swapped in).
document.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail.target;
  if (target.removeAttribute) target.removeAttribute("aria-busy");
  if (!window.Chart || !target.querySelectorAll) return;
  target.querySelectorAll("canvas[data-mini-chart]").forEach((canvas) => {
    const source = document.getElementById(canvas.dataset.miniChart);
    if (!source) return;
    const spec = JSON.parse(source.textContent);
    const locale = document.documentElement.lang || "vi";
    const format = new Intl.NumberFormat(locale);
    new window.Chart(canvas, {
      type: "bar",
      data: { labels: spec.labels, datasets: [{ label: spec.label, data: spec.values, backgroundColor: "#b71c1c" }] },
      options: {
        indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false, locale,
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0, callback: (v) => format.format(v) } },
                  y: { ticks: { autoSkip: false, font: { size: 11 } } } },
      },
    });
  });
});

// A form that changes something hard to undo asks first: <form data-confirm="…">.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.dataset && form.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

// Unit picker: an <input data-unit-picker> that takes a unit's code offers, as one types a name
// (diacritics or not), the matching units in reach with their codes (the units API, by GET: unit
// names are not personal data).
(() => {
  let serial = 0;
  const timers = new WeakMap();
  const attach = (input) => {
    if (input.list) return;
    serial += 1;
    const list = document.createElement("datalist");
    list.id = `unit-picker-${serial}`;
    input.after(list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
  };
  const fill = async (input) => {
    const q = input.value.trim();
    if (q.length < 2) return;
    const url = `${input.dataset.unitPicker || "/api/v1/units/search"}?limit=15&q=${encodeURIComponent(q)}`;
    try {
      const answer = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!answer.ok) return;
      const data = await answer.json();
      const list = input.list;
      if (!list) return;
      list.replaceChildren(...data.items.map((unit) => {
        const option = document.createElement("option");
        option.value = unit.code;
        option.label = `${unit.name} (${unit.code})`;
        option.textContent = `${unit.name} (${unit.code})`;
        return option;
      }));
    } catch (_error) {
      // Offline or refused: the field still takes a typed code.
    }
  };
  document.addEventListener("focusin", (event) => {
    if (event.target.matches && event.target.matches("input[data-unit-picker]")) attach(event.target);
  });
  document.addEventListener("input", (event) => {
    const input = event.target;
    if (!input.matches || !input.matches("input[data-unit-picker]")) return;
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(() => fill(input), 250));
  });
})();

// A home card that fails (an error, or a whole page such as the log-in form after a session
// ended) is replaced by one line; the other cards and the page are not touched.
document.addEventListener("htmx:beforeSwap", (event) => {
  const target = event.detail.target;
  if (!target.closest || !target.closest("#todo-cards")) return;
  const text = event.detail.xhr.responseText || "";
  const failed = event.detail.xhr.status >= 400 || /<html[\s>]/i.test(text);
  if (!failed) return;
  event.detail.shouldSwap = false;
  target.removeAttribute("aria-busy");
  const line = document.createElement("p");
  line.className = "small text-muted mb-0";
  line.textContent = target.dataset.errorText || "";
  target.replaceChildren(line);
});
