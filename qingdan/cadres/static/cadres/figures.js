// Draws the figures per street from the JSON data island beside the table (no inline script: CSP).
(function () {
  function draw() {
    var island = document.getElementById("cadres-figures");
    var box = document.getElementById("cadres-chart");
    if (!island || !box || !window.echarts) { return; }
    var data = JSON.parse(island.textContent);
    box.style.height = "320px";
    var chart = window.echarts.init(box);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 40, right: 10, top: 40, bottom: 60, containLabel: true },
      xAxis: { type: "category", data: data.streets, axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: "value", minInterval: 1 },
      series: data.series.map(function (s) { return { name: s.name, type: "bar", data: s.values }; })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
