// Charts of the dashboard (ECharts, served locally): the sub-units compared, and the year's quarters.
(function () {
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const red = "#a50e0e";
  const children = document.getElementById("chart-children");
  if (children && data.children.names.length) {
    echarts.init(children).setOption({
      title: { text: data.title, textStyle: { fontSize: 13 } },
      grid: { left: 260, right: 30, top: 30, bottom: 20 },
      tooltip: {},
      xAxis: { type: "value" },
      yAxis: { type: "category", data: data.children.names, inverse: true, axisLabel: { width: 250, overflow: "truncate" } },
      series: [{ type: "bar", data: data.children.values, itemStyle: { color: red } }],
    });
  }
  const trend = document.getElementById("chart-trend");
  if (trend) {
    echarts.init(trend).setOption({
      title: { text: "Theo quý", textStyle: { fontSize: 13 } },
      tooltip: {},
      xAxis: { type: "category", data: data.trend.names },
      yAxis: { type: "value" },
      series: [{ type: "line", data: data.trend.values, itemStyle: { color: red } }],
    });
  }
})();
