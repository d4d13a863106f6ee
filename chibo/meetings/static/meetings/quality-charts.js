// Charts of the meeting-quality page (meetings/quality.html); data from a json_script block.
// No inline scripts: CSP.
(function () {
  "use strict";
  const source = document.getElementById("meeting-quality-data");
  const canvas = document.getElementById("chart-quality");
  if (!source || !canvas || !window.Chart) return;
  const spec = JSON.parse(source.textContent);
  const locale = document.documentElement.lang || "vi";
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: spec.labels,
      datasets: [
        { type: "bar", label: spec.met_label, data: spec.met, backgroundColor: "#b71c1c", yAxisID: "y" },
        { type: "line", label: spec.attendance_label, data: spec.attendance, borderColor: "#1565c0",
          backgroundColor: "#1565c0", yAxisID: "y1", tension: 0.25, spanGaps: true },
      ],
    },
    options: {
      locale,
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        y: { beginAtZero: true, suggestedMax: Math.max(...spec.branches, 1), ticks: { precision: 0 } },
        y1: { position: "right", min: 0, max: 100, grid: { drawOnChartArea: false } },
      },
      plugins: { legend: { position: "bottom" } },
    },
  });
})();
