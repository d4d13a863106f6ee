// Campaign progress per day (data_quality/campaigns/dashboard.html): percentages of records
// passing each test and all four. Data from a json_script block; no inline scripts (CSP).
(function () {
  "use strict";
  const source = document.getElementById("dq-chart-data");
  const canvas = document.getElementById("dq-progress-chart");
  if (!source || !canvas || !window.Chart) return;
  const chart = JSON.parse(source.textContent);
  const colours = { correct: "#1565c0", complete: "#f9a825", clean: "#2e7d32", current: "#6a1b9a", all_four: "#b71c1c" };
  const locale = document.documentElement.lang || "vi";
  const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  new window.Chart(canvas, {
    type: "line",
    data: {
      labels: chart.labels,
      datasets: chart.series.map((s) => ({
        label: s.label,
        data: s.data,
        borderColor: colours[s.key],
        backgroundColor: colours[s.key],
        borderWidth: s.key === "all_four" ? 3 : 2,
        pointRadius: chart.labels.length > 30 ? 0 : 2,
        tension: 0.25,
      })),
    },
    options: {
      locale,
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12 } },
        tooltip: { callbacks: { label: (ctx) => ` ${ctx.dataset.label}: ${percent.format(ctx.parsed.y)}%` } },
      },
      scales: {
        y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } },
        x: { ticks: { maxRotation: 0, autoSkip: true } },
      },
    },
  });
})();
