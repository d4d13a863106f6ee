// Read and pass rates per unit (documents/read_rates.html, documents/study_results.html): a bar
// chart of percentages from a json_script block. No inline scripts: CSP.
(function () {
  "use strict";
  if (!window.Chart) return;
  const locale = document.documentElement.lang || "vi";
  const numberFormat = new Intl.NumberFormat(locale);
  for (const canvas of document.querySelectorAll("canvas[data-rates-chart]")) {
    const source = document.getElementById(canvas.dataset.ratesChart);
    if (!source) continue;
    const spec = JSON.parse(source.textContent);
    if (!spec.data.length) continue;
    const horizontal = spec.labels.length > 8 || window.innerWidth < 576;
    if (horizontal) canvas.parentElement.style.height = `${Math.max(160, spec.labels.length * 30 + 40)}px`;
    const valueAxis = { beginAtZero: true, max: 100, ticks: { callback: (v) => `${v}%` } };
    const labelAxis = { ticks: { autoSkip: false, maxRotation: horizontal ? 0 : 45 } };
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: spec.labels,
        datasets: [{ label: spec.label, data: spec.data, backgroundColor: "#b71c1c" }],
      },
      options: {
        locale,
        responsive: true,
        maintainAspectRatio: !horizontal,
        aspectRatio: 1.8,
        animation: false,
        indexAxis: horizontal ? "y" : "x",
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (ctx) => ` ${ctx.formattedValue}% (${numberFormat.format(spec.done[ctx.dataIndex])}/${numberFormat.format(spec.totals[ctx.dataIndex])})`,
            },
          },
        },
        scales: horizontal ? { x: valueAxis, y: labelAxis } : { y: valueAxis, x: labelAxis },
      },
    });
  }
})();
