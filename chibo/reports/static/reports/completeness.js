// The completeness doughnut of a report request (reports/request.html); data from json_script.
// No inline scripts: CSP.
(function () {
  "use strict";
  const source = document.getElementById("report-completeness-data");
  const canvas = document.getElementById("chart-completeness");
  if (!source || !canvas || !window.Chart) return;
  const spec = JSON.parse(source.textContent);
  new window.Chart(canvas, {
    type: "doughnut",
    data: {
      labels: spec.labels,
      datasets: [{ data: spec.values, backgroundColor: ["#2e7d32", "#f9a825", "#b71c1c"] }],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { position: "bottom" } },
    },
  });
})();
