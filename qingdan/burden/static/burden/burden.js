// Draws every chart of a burden page from the page's data island (<script type="application/json"
// id="burden-charts">); each chart element names its entry in data-chart and its look in data-kind.
// No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";

  function option(kind, entry) {
    var horizontal = kind === "hbar";
    var series = entry.series.map(function (s) {
      return {
        name: s.name,
        type: kind === "line" ? "line" : "bar",
        stack: s.stack || undefined,
        smooth: kind === "line",
        data: s.data,
      };
    });
    var categoryAxis = { type: "category", data: entry.categories, axisLabel: { hideOverlap: true } };
    var valueAxis = { type: "value", minInterval: 1 };
    if (horizontal) {
      categoryAxis.inverse = true;
      categoryAxis.axisLabel.width = 90;
      categoryAxis.axisLabel.overflow = "truncate";
    }
    return {
      animation: false,
      tooltip: { trigger: "axis", confine: true },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: series,
    };
  }

  // The heat view: months across, villages down; a township's name heads its villages (in bold, no cells).
  function heatOption(entry) {
    var headers = {};
    entry.headers.forEach(function (i) { headers[i] = true; });
    return {
      animation: false,
      tooltip: {
        position: "top",
        confine: true,
        formatter: function (p) {
          return entry.rows[p.value[1]] + " · " + entry.categories[p.value[0]] + "：" + p.value[2];
        },
      },
      grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
      xAxis: { type: "category", data: entry.categories, splitArea: { show: true }, axisLabel: { hideOverlap: true } },
      yAxis: {
        type: "category",
        data: entry.rows,
        inverse: true,
        axisLabel: {
          interval: 0,
          width: 84,
          overflow: "truncate",
          formatter: function (name, i) { return headers[i] ? "{township|" + name + "}" : name; },
          rich: { township: { fontWeight: "bold" } },
        },
      },
      visualMap: {
        min: 0,
        max: entry.max || 1,
        calculable: true,
        orient: "horizontal",
        left: "center",
        bottom: 0,
        itemHeight: 120,
        inRange: { color: ["#fff5eb", "#fdae6b", "#d94801", "#7f2704"] },
      },
      series: [{ name: entry.name, type: "heatmap", data: entry.data, label: { show: entry.categories.length <= 12 && entry.rows.length <= 40 } }],
    };
  }

  function draw() {
    var island = document.getElementById("burden-charts");
    if (!island || typeof echarts === "undefined") return;
    var data = JSON.parse(island.textContent);
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var entry = data[el.dataset.chart];
      if (!entry || !entry.categories.length) {
        el.hidden = true;
        return;
      }
      var heat = el.dataset.kind === "heat";
      if (heat) {
        // One band per row, whatever the number of villages (CSSOM, not a style attribute: CSP allows it).
        el.style.height = Math.max(320, 22 * entry.rows.length + 96) + "px";
      }
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(heat ? heatOption(entry) : option(el.dataset.kind || "bar", entry));
      var points = heat
        ? entry.data.filter(function (cell) { return cell[2]; }).length
        : entry.series.reduce(function (n, s) {
            return n + s.data.filter(function (v) { return v; }).length;
          }, 0);
      el.dataset.drawn = String(points);  // how many non-zero values the chart drew (the browser test reads it)
      charts.push(chart);
    });
    window.addEventListener("resize", function () {
      charts.forEach(function (chart) { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
