// Draws the dashboard's charts from the JSON the page carries, toggles each chart's table view, sorts the
// per-university table and prints the summary. No data is fetched: the page already holds every figure.
(function () {
  "use strict";
  const specs = JSON.parse(document.getElementById("dashboard-charts").textContent);
  const charts = {};
  const font = { family: getComputedStyle(document.body).fontFamily };

  function goalPlugin(spec) {
    // A dashed line at the goal, with its label: the reader sees at once how far the rate is from 80%.
    return {
      id: "goal",
      afterDatasetsDraw(chart) {
        if (spec.goal === undefined) return;
        const { ctx, chartArea } = chart;
        const horizontal = spec.horizontal;
        const scale = horizontal ? chart.scales.x : chart.scales.y;
        const at = scale.getPixelForValue(spec.goal);
        ctx.save();
        ctx.strokeStyle = "#C8102E";
        ctx.setLineDash([6, 4]);
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        if (horizontal) { ctx.moveTo(at, chartArea.top); ctx.lineTo(at, chartArea.bottom); }
        else { ctx.moveTo(chartArea.left, at); ctx.lineTo(chartArea.right, at); }
        ctx.stroke();
        ctx.fillStyle = "#C8102E";
        ctx.font = "12px " + font.family;
        if (horizontal) ctx.fillText(spec.goal_label, at + 4, chartArea.bottom - 4);
        else {
          ctx.textAlign = "right";
          ctx.fillText(spec.goal_label, chartArea.right - 4, at - 4);
        }
        ctx.restore();
      },
    };
  }

  function draw(spec) {
    const canvas = document.querySelector(`canvas[data-chart="${spec.table}"]`);
    if (!canvas || charts[spec.table]) return;
    const percentTick = (value) => value + "%";
    const valueAxis = {
      beginAtZero: true,
      ticks: spec.percent ? { callback: percentTick } : { precision: 0 },
      max: spec.percent ? 100 : undefined,
      grid: { color: "#eef0f4" },
    };
    const scales = spec.horizontal
      ? { x: valueAxis, y: { grid: { display: false } } }
      : { y: valueAxis, x: { grid: { display: false } } };
    if (spec.datasets.some((set) => set.axis === "y2")) {
      scales.y2 = { beginAtZero: true, position: "right", ticks: { precision: 0 }, grid: { display: false } };
    }
    charts[spec.table] = new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map((set) => ({
          label: set.label,
          data: set.data,
          type: set.type,
          yAxisID: set.axis,
          backgroundColor: set.color,
          borderColor: set.color,
          borderWidth: spec.type === "line" || set.type === "line" ? 2 : 0,
          borderRadius: 3,
          spanGaps: true,
          pointRadius: 3,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: spec.horizontal ? "y" : "x",
        plugins: {
          legend: { position: "bottom", labels: { font, boxWidth: 12 } },
          tooltip: spec.percent ? { callbacks: { label: (c) => `${c.dataset.label}: ${c.formattedValue}%` } } : {},
        },
        scales,
      },
      plugins: [goalPlugin(spec)],
    });
  }

  if (window.Chart) {
    Chart.defaults.font.family = font.family;
    Chart.defaults.color = "#3d4654";
    specs.forEach(draw);
  }

  document.querySelectorAll("[data-toggle-table]").forEach((button) => {
    button.addEventListener("click", () => {
      const card = button.closest("[data-chart-card]");
      const showTable = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", String(showTable));
      card.querySelector("[data-table-view]").hidden = !showTable;
      card.querySelector("[data-chart-view]").hidden = showTable;
      button.querySelector("[data-label-table]").hidden = showTable;
      button.querySelector("[data-label-chart]").hidden = !showTable;
    });
  });

  function sortKey(cell) {
    const raw = cell.dataset.value;
    const number = Number(raw);
    return raw !== "" && !Number.isNaN(number) ? number : raw;
  }

  document.querySelectorAll("table[data-sortable]").forEach((table) => {
    table.querySelectorAll(".sort-button").forEach((button) => {
      button.addEventListener("click", () => {
        const column = Number(button.dataset.column);
        const th = button.closest("th");
        const descending = th.getAttribute("aria-sort") !== "descending";
        table.querySelectorAll("th[aria-sort]").forEach((other) => other.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = sortKey(a.cells[column]);
          const y = sortKey(b.cells[column]);
          const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh");
          return descending ? -order : order;
        });
        rows.forEach((row) => body.appendChild(row));
      });
    });
  });

  const print = document.querySelector("[data-print]");
  if (print) print.addEventListener("click", () => window.print());
  // Charts redraw at print size, so the printed page is sharp and fits.
  window.addEventListener("beforeprint", () => Object.values(charts).forEach((chart) => chart.resize()));
})();
