import type { DayRow } from '../report/build-report.js';

/** The outcomes as the chart stacks them, bottom up, with their colours (the page's legend uses the same). */
export const outcomeSeries = [
  { key: 'answered', name: 'answered', color: '#2e7d32' },
  { key: 'clarify', name: 'did you mean', color: '#f9a825' },
  { key: 'nomatch', name: 'no match', color: '#c62828' },
  { key: 'handoff', name: 'handed to a person', color: '#1565c0' },
] as const;

export const chartSize = { width: 1180, height: 320 };

/**
 * Questions per day stacked by outcome, drawn by Apache ECharts on the server as an SVG document (its
 * server-side rendering: no DOM, no browser script, no request anywhere). ECharts is loaded on the
 * first chart, so a bot whose page is never opened does not carry it.
 */
export async function dayChartSvg(daily: readonly DayRow[]): Promise<string> {
  const [core, charts, components, renderers] = await Promise.all([
    import('echarts/core'),
    import('echarts/charts'),
    import('echarts/components'),
    import('echarts/renderers'),
  ]);
  core.use([charts.BarChart, components.GridComponent, components.LegendComponent, renderers.SVGRenderer]);
  const chart = core.init(null, null, { renderer: 'svg', ssr: true, ...chartSize });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'sans-serif' },
      legend: { top: 4, data: outcomeSeries.map((s) => s.name) },
      grid: { left: 48, right: 16, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: daily.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: outcomeSeries.map((s) => ({
        name: s.name,
        type: 'bar',
        stack: 'questions',
        itemStyle: { color: s.color },
        data: daily.map((d) => d[s.key]),
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
