// The funnel chart of the recruitment page (recruitment/unit.html): candidates who have reached
// each step. Data from a json_script block; no inline scripts (CSP).
(function () {
  "use strict";
  const source = document.getElementById("recruitment-funnel-data");
  const canvas = document.getElementById("chart-funnel");
  if (!source || !canvas || !window.Chart) return;
  const spec = JSON.parse(source.textContent);
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: spec.labels,
      datasets: [{ label: spec.label, data: spec.values, backgroundColor: "#b71c1c" }],
    },
    options: {
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: false } },
    },
  });
})();
