/**
 * The plot of BENCHMARKS.md: deliveries/s at saturation and p99 at a steady 10 msg/s against N
 * subscribers in one room, one line per target, rendered to SVG by Vega-Lite + Vega in Node
 * (no browser, no native canvas). Both are ES modules with top-level await, so they are
 * imported dynamically from this CommonJS project.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BenchResults } from './report';
import { figureSpread, type FigureName } from './summary';
import { TARGET_LABELS } from './target-labels';

export async function renderPlot(results: BenchResults): Promise<string> {
  const values: Array<{ target: string; n: number; panel: string; value: number }> = [];
  const panels: Array<[string, string, FigureName]> = [
    ['deliveries/s at saturation', 'saturation', 'deliveriesPerSecond'],
    ['p99 send-to-receive ms at 10 msg/s', 'steady', 'p99'],
  ];
  for (const target of results.targets) {
    for (const n of results.config.oneRoomSubscribers) {
      for (const [panel, pattern, figure] of panels) {
        const s = figureSpread(target, `one-room-${n}-${pattern}`, figure);
        if (s && Number.isFinite(s.median) && s.median > 0) values.push({ target: TARGET_LABELS[target.target] ?? target.target, n, panel, value: s.median });
      }
    }
  }
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values },
    facet: { column: { field: 'panel', type: 'nominal', title: null } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 300,
      height: 220,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'n', type: 'quantitative', scale: { type: 'log' }, title: 'N subscribers in one room' },
        y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: null },
        color: { field: 'target', type: 'nominal', title: null, scale: { domain: Object.values(TARGET_LABELS) }, legend: { orient: 'bottom', columns: 2, labelLimit: 400 } },
      },
    },
  };
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
