import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from './dom.js';
import { formatCount } from './format.js';

/** Stack order, bottom first, with each status's colour (the badges use the same). */
export const STACKED_STATUSES = [
  { status: 'ACCEPTED', color: '#2e9d5b' },
  { status: 'SOLD', color: '#2f6fd6' },
  { status: 'PENDING', color: '#d99a1e' },
  { status: 'REJECTED', color: '#d64545' },
] as const;

/** One bar of the chart: its label and a count per status. */
export interface StackedBucket {
  label: string;
  counts: Record<string, number>;
}

/**
 * Leads over time as bars stacked by status (uPlot on a canvas), with the same numbers in a
 * visually hidden table for screen readers. Redraws at its container's width (phones included).
 */
export function stackedBars(title: string, buckets: StackedBucket[]): HTMLElement {
  const figure = h('figure', { class: 'chart', 'aria-label': title });
  const legend = h(
    'div',
    { class: 'chart-legend' },
    STACKED_STATUSES.map(({ status }) => h('span', {}, h('i', { class: `swatch status-${status.toLowerCase()}` }), status.toLowerCase())),
  );
  const canvasHolder = h('div', { class: 'chart-canvas' });
  const xs = buckets.map((_, i) => i);
  // Cumulative tops, drawn tallest first so each lower status paints over the one above it.
  const tops: number[][] = [];
  let running = buckets.map(() => 0);
  for (const { status } of STACKED_STATUSES) {
    running = running.map((sum, i) => sum + (buckets[i]!.counts[status] ?? 0));
    tops.push(running);
  }
  const order = STACKED_STATUSES.map((_, i) => i).reverse();
  const data: uPlot.AlignedData = [xs, ...order.map((i) => tops[i]!)];
  const series: uPlot.Series[] = [
    {},
    ...order.map((i) => {
      const { status, color } = STACKED_STATUSES[i]!;
      return {
        label: status,
        fill: color,
        stroke: color,
        width: 0,
        paths: uPlot.paths.bars!({ size: [0.8, 48], gap: 1 }),
        points: { show: false },
        value: (_u: uPlot, _v: number | null, _s: number, idx: number | null) =>
          idx === null ? '' : formatCount(buckets[idx]?.counts[status] ?? 0),
      } satisfies uPlot.Series;
    }),
  ];
  const labelEvery = (width: number) => Math.max(1, Math.ceil(buckets.length / Math.max(2, Math.floor(width / 56))));
  const make = (width: number) =>
    new uPlot(
      {
        width,
        height: width < 500 ? 200 : 260,
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        scales: {
          x: { time: false, range: [-0.6, Math.max(buckets.length - 0.4, 0.6)] },
          y: { range: (_u, _min, max) => [0, Math.max(max, 1) * 1.08] },
        },
        axes: [
          {
            splits: () => xs.filter((i) => i % labelEvery(width) === 0),
            values: (_u, splits) => splits.map((i) => buckets[i]?.label ?? ''),
            grid: { show: false },
            gap: 4,
            size: 34,
          },
          { values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? formatCount(v) : '')), size: 48, grid: { stroke: '#e6e8ec' } },
        ],
        series,
      },
      data,
      canvasHolder,
    );
  let plot: uPlot | undefined;
  const draw = () => {
    const width = Math.max(260, Math.floor(canvasHolder.clientWidth));
    if (plot && Math.abs(plot.width - width) < 2) return;
    plot?.destroy();
    plot = make(width);
  };
  new ResizeObserver(() => draw()).observe(canvasHolder);
  const hidden = h(
    'table',
    { class: 'sr-only', 'data-chart-table': '' },
    h('caption', {}, title),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Period'),
        STACKED_STATUSES.map(({ status }) => h('th', { scope: 'col' }, status)),
      ),
    ),
    h(
      'tbody',
      {},
      buckets.map((b) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, b.label),
          STACKED_STATUSES.map(({ status }) => h('td', {}, String(b.counts[status] ?? 0))),
        ),
      ),
    ),
  );
  figure.append(h('figcaption', {}, title), legend, canvasHolder, hidden);
  return figure;
}
