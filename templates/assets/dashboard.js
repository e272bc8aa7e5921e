// Draws the dashboard's charts from the figures in <script type="application/json" id="dashboard-data">.
(function () {
  'use strict';
  var source = document.getElementById('dashboard-data');
  if (!source || typeof Chart === 'undefined') return;
  var figures = JSON.parse(source.textContent);
  var colours = ['#0b3d62', '#c15c00', '#1e6b2f', '#6a1b9a'];
  var percent = new Intl.NumberFormat('da-DK', { style: 'percent', maximumFractionDigits: 1 });
  var number = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });

  figures.charts.forEach(function (spec) {
    var canvas = document.getElementById(spec.id);
    if (!canvas) return;
    var format = function (value) {
      return value === null ? '–' : spec.percent ? percent.format(value) : number.format(value);
    };
    var valueAxis = spec.horizontal ? 'x' : 'y';
    var scales = {};
    scales[valueAxis] = {
      beginAtZero: true,
      max: spec.percent ? 1 : undefined,
      ticks: { callback: format, color: '#1b1b1b' },
    };
    scales[spec.horizontal ? 'y' : 'x'] = { ticks: { color: '#1b1b1b', autoSkip: !spec.horizontal } };
    new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (d, i) {
          return {
            label: d.label,
            data: d.data,
            backgroundColor: colours[i % colours.length],
            borderColor: colours[i % colours.length],
            tension: 0.2,
          };
        }),
      },
      options: {
        indexAxis: spec.horizontal ? 'y' : 'x',
        maintainAspectRatio: false,
        animation: false,
        scales: scales,
        plugins: {
          legend: { labels: { color: '#1b1b1b' } },
          tooltip: {
            callbacks: {
              label: function (item) {
                return item.dataset.label + ': ' + format(item.raw);
              },
            },
          },
        },
      },
    });
  });
})();
