// chart.js draws a page's charts with Apache ECharts (echarts.common.min.js,
// loaded before it). Each <div class="chart" data-chart="ID"> is drawn from
// the JSON data block <script type="application/json" id="ID"> that the
// server wrote (internal/web/chart.go); the table beside it holds the same
// numbers for readers without JavaScript. No inline script or style: the
// page's Content-Security-Policy stays strict.
(function () {
  'use strict';
  if (!window.echarts) {
    return;
  }
  // Notes meant for readers without JavaScript (class nojs) are hidden.
  document.documentElement.classList.add('js');
  var entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return entities[c]; });
  }

  function draw(el) {
    var src = document.getElementById(el.getAttribute('data-chart'));
    if (!src) {
      return;
    }
    var spec = JSON.parse(src.textContent);
    el.hidden = false;
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    var many = spec.x.length > 12;
    chart.setOption({
      aria: { enabled: true },
      animationDuration: 300,
      color: spec.series.map(function (s) { return s.color; }),
      grid: { left: 8, right: 24, top: 48, bottom: spec.zoom ? 56 : 8, containLabel: true },
      legend: { top: 0 },
      // The tooltip writes the values as the table does (110万人, 7%左右),
      // without the inline styles of ECharts' default markers.
      tooltip: {
        trigger: 'axis',
        formatter: function (ps) {
          if (!ps.length) {
            return '';
          }
          var out = esc(ps[0].name);
          ps.forEach(function (p) {
            var s = spec.series[p.seriesIndex];
            var label = s.labels && s.labels[p.dataIndex];
            if (label) {
              out += '<br>' + esc(s.name) + '：' + esc(label);
            }
          });
          return out;
        }
      },
      xAxis: {
        type: 'category',
        data: spec.x,
        axisLabel: { rotate: many ? 45 : 0, interval: many ? 'auto' : 0 }
      },
      // Bars start at zero; lines of rates may zoom in on their range.
      // Counts (a stack) have whole ticks.
      yAxis: {
        type: 'value',
        name: spec.unit,
        scale: !spec.series.some(function (s) { return s.type === 'bar'; }),
        minInterval: spec.stacked ? 1 : 0
      },
      dataZoom: spec.zoom ? [{ type: 'slider', bottom: 8 }, { type: 'inside' }] : [],
      series: spec.series.map(function (s) {
        return {
          name: s.name,
          type: s.type,
          data: s.values,
          stack: s.stack || undefined,
          connectNulls: true,
          symbolSize: s.type === 'scatter' ? 11 : 7,
          barMaxWidth: 36,
          emphasis: { focus: 'series' }
        };
      })
    });
    // A point leads to the sentence its number came from.
    chart.on('click', function (p) {
      var s = spec.series[p.seriesIndex];
      var href = s.links && s.links[p.dataIndex];
      if (href) {
        window.location.href = href;
      }
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  document.querySelectorAll('div.chart[data-chart]').forEach(draw);
})();
