import { renderSvg } from '@mosaic/charts';
import type { TopLevelSpec } from 'vega-lite';

/** Where one run's true same-person pairs ended up, as shares of all true pairs. */
export interface TruePairsRow {
  label: string;
  autoLinked: number;
  neededReview: number;
  /** Missed even by perfect review. */
  missed: number;
  /** Further missed because the (simulated) reviewers erred. */
  missedByReviewers?: number;
}

const PARTS = [
  { key: 'autoLinked', name: 'auto-linked', color: '#1f4e79' },
  { key: 'neededReview', name: 'needed review', color: '#e0a526' },
  { key: 'missed', name: 'missed', color: '#b33a3a' },
  { key: 'missedByReviewers', name: 'missed by the reviewers', color: '#6b2a6b' },
] as const;

/**
 * One stacked bar per run: the shares of true pairs joined by AUTO_LINK,
 * joined only through review, and missed. The axis starts where the smallest
 * auto-linked share leaves room to see the review band, and says so.
 */
export async function renderTruePairsChart(
  rows: readonly TruePairsRow[],
  options: { title?: string } = {},
): Promise<string> {
  const values = rows.flatMap((row) => {
    let start = 0;
    return PARTS.flatMap((part, order) => {
      const share = row[part.key] ?? 0;
      if (share <= 0) return [];
      const bar = {
        run: row.label,
        part: part.name,
        order,
        start,
        end: start + share,
        text: `${(100 * share).toFixed(1)}%`,
      };
      start += share;
      return [bar];
    });
  });
  const floor = Math.max(
    0,
    Math.floor(10 * Math.min(...rows.map((r) => r.autoLinked), 1)) / 10 - 0.1,
  );
  const scale = { domain: [floor, 1] };
  const y = { field: 'run', type: 'nominal' as const, title: null, sort: null };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: options.title ?? 'Where the true same-person pairs end up',
      subtitle: floor > 0 ? `axis starts at ${(100 * floor).toFixed(0)}%` : undefined,
    },
    config: { font: 'sans-serif', view: { stroke: '#ccc' } },
    width: 480,
    height: { step: 34 },
    data: { values },
    layer: [
      {
        mark: { type: 'bar', clip: true },
        encoding: {
          y,
          x: {
            field: 'start',
            type: 'quantitative',
            title: 'share of true pairs',
            scale,
            axis: { format: '%' },
          },
          x2: { field: 'end' },
          color: {
            field: 'part',
            type: 'nominal',
            title: null,
            sort: PARTS.map((p) => p.name),
            scale: { domain: PARTS.map((p) => p.name), range: PARTS.map((p) => p.color) },
            legend: { orient: 'bottom', labelLimit: 400 },
          },
          order: { field: 'order' },
        },
      },
      {
        transform: [{ filter: "datum.part == 'needed review'" }],
        mark: { type: 'text', align: 'left', dx: 4, color: '#222' },
        encoding: { y, x: { field: 'end', type: 'quantitative', scale }, text: { field: 'text' } },
      },
    ],
  } as TopLevelSpec;
  return renderSvg(spec);
}
