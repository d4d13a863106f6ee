// The task dashboard's chart (assignments/dashboard.html); data from a json_script block.
// No inline scripts: CSP.
(function () {
  "use strict";
  function draw() {
    const source = document.getElementById("task-dashboard-data");
    const canvas = document.getElementById("chart-tasks");
    if (!source || !canvas || !window.Chart) return;
    const spec = JSON.parse(source.textContent);
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: spec.labels,
        datasets: [
          { label: spec.on_time_label, data: spec.on_time, backgroundColor: "#2e7d32", stack: "s", yAxisID: "y" },
          { label: spec.late_label, data: spec.late, backgroundColor: "#c62828", stack: "s", yAxisID: "y" },
          { label: spec.other_label, data: spec.other, backgroundColor: "#b0bec5", stack: "s", yAxisID: "y" },
          { type: "line", label: spec.rate_label, data: spec.rate, borderColor: "#1565c0",
            backgroundColor: "#1565c0", yAxisID: "y1", tension: 0.25, spanGaps: true },
        ],
      },
      options: {
        locale: document.documentElement.lang || "vi",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          y: { beginAtZero: true, stacked: true, ticks: { precision: 0 } },
          y1: { position: "right", min: 0, max: 100, grid: { drawOnChartArea: false } },
        },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
