// Charts of the post-gaps page (cadres/gaps.html); data from a JSON block. No inline scripts: CSP.
(function () {
  "use strict";
  const source = document.getElementById("cadres-gap-data");
  if (!source || !window.Chart) return;
  const spec = JSON.parse(source.textContent);
  const locale = document.documentElement.lang || "vi";
  function bar(id, labels, data, color) {
    const canvas = document.getElementById(id);
    if (!canvas) return;
    new window.Chart(canvas, {
      type: "bar",
      data: { labels, datasets: [{ label: spec.label, data, backgroundColor: color }] },
      options: {
        locale, responsive: true, maintainAspectRatio: false, animation: false, indexAxis: "y",
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { display: false } },
      },
    });
  }
  bar("chart-gap-kinds", spec.kinds, spec.kind_counts, "#b71c1c");
  bar("chart-gap-bands", spec.bands, spec.band_counts, "#ef6c00");
})();
