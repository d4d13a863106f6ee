// Member statistics charts (members/statistics.html). The data comes from a json_script block;
// each <canvas data-chart="id"> gets its chart. No inline scripts: CSP.
(function () {
  "use strict";
  const source = document.getElementById("member-charts-data");
  if (!source || !window.Chart) return;
  const charts = JSON.parse(source.textContent);
  const palette = ["#b71c1c", "#1565c0", "#f9a825", "#2e7d32", "#6a1b9a", "#00838f", "#ef6c00", "#5d4037", "#9e9e9e"];
  const locale = document.documentElement.lang || "vi";
  const numberFormat = new Intl.NumberFormat(locale);
  const count = (v) => numberFormat.format(v);

  for (const spec of charts) {
    const canvas = document.querySelector(`canvas[data-chart="${spec.id}"]`);
    if (!canvas || !spec.data.length) continue;
    const round = spec.type === "doughnut";
    const line = spec.type === "line";
    const valueAxis = { beginAtZero: true, ticks: { precision: 0, callback: count } };
    const labelAxis = { ticks: { autoSkip: !spec.horizontal, maxRotation: 0 } };
    new window.Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: [{
          label: spec.title,
          data: spec.data,
          backgroundColor: round ? palette.slice(0, spec.data.length) : line ? "rgba(183, 28, 28, .15)" : palette[0],
          borderColor: round ? "#fff" : palette[0],
          fill: line,
          tension: 0.25,
          pointRadius: line && spec.data.length > 30 ? 0 : 3,
        }],
      },
      options: {
        locale,
        responsive: true,
        aspectRatio: round ? 1.7 : 1.6,
        animation: false,
        indexAxis: spec.horizontal ? "y" : "x",
        plugins: {
          legend: { display: round, position: "right", labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: (ctx) => ` ${ctx.formattedValue}` } },
        },
        scales: round ? {} : spec.horizontal ? { x: valueAxis, y: labelAxis } : { y: valueAxis, x: labelAxis },
      },
    });
  }
})();
