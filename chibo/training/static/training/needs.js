// The chart of the training page (training/unit.html): how many still need each course.
// Data from a json_script block; no inline scripts (CSP).
(function () {
  "use strict";
  const source = document.getElementById("training-needs-data");
  const canvas = document.getElementById("chart-needs");
  if (!source || !canvas || !window.Chart) return;
  const spec = JSON.parse(source.textContent);
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: spec.labels,
      datasets: [
        { label: spec.label, data: spec.values, backgroundColor: "#1565c0" },
        { label: spec.late_label, data: spec.late, backgroundColor: "#b71c1c" },
      ],
    },
    options: {
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: "bottom" } },
    },
  });
})();
