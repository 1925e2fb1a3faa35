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
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(option(el.dataset.kind || "bar", entry));
      var points = entry.series.reduce(function (n, s) {
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
