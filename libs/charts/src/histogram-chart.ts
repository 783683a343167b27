import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface HistogramSeries {
  label: string;
  binStart: number;
  binWidth: number;
  counts: readonly number[];
}

export interface HistogramPanel {
  title: string;
  series: readonly HistogramSeries[];
  /** Vertical markers, e.g. the threshold at the target false-match rate. */
  markers?: readonly { label: string; value: number }[];
}

/**
 * Renders score distributions as an SVG: one panel per modality, one line per
 * series, densities on a log axis so the impostor tail — where false matches
 * live — is visible next to the genuine peak.
 */
export async function renderHistogramPanels(
  panels: readonly HistogramPanel[],
  options: { title: string; xTitle?: string },
): Promise<string> {
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title,
    config: { font: 'sans-serif', view: { stroke: '#ccc' } },
    hconcat: panels.map((panel) => ({
      title: panel.title,
      width: 420,
      height: 300,
      layer: [
        {
          data: { values: densityRows(panel.series) },
          mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.4 },
          encoding: {
            x: {
              field: 'score',
              type: 'quantitative',
              title: options.xTitle ?? 'cosine similarity',
            },
            y: {
              field: 'density',
              type: 'quantitative',
              scale: { type: 'log' },
              title: 'share of pairs (log)',
            },
            color: {
              field: 'series',
              type: 'nominal',
              title: null,
              legend: { orient: 'bottom', columns: 2, labelLimit: 320 },
            },
          },
        },
        ...(panel.markers && panel.markers.length > 0
          ? [
              {
                data: { values: panel.markers.map((m) => ({ value: m.value, label: m.label })) },
                mark: { type: 'rule' as const, strokeDash: [4, 3], color: '#333' },
                encoding: { x: { field: 'value', type: 'quantitative' as const } },
              },
              {
                data: { values: panel.markers.map((m) => ({ value: m.value, label: m.label })) },
                mark: {
                  type: 'text' as const,
                  align: 'left' as const,
                  dx: 4,
                  dy: -130,
                  fontSize: 10,
                },
                encoding: {
                  x: { field: 'value', type: 'quantitative' as const },
                  text: { field: 'label', type: 'nominal' as const },
                },
              },
            ]
          : []),
      ],
      resolve: { scale: { color: 'independent' } },
    })),
  } as TopLevelSpec;
  return renderSvg(spec);
}

function densityRows(
  series: readonly HistogramSeries[],
): { score: number; density: number; series: string }[] {
  return series.flatMap((s) => {
    const total = s.counts.reduce((a, b) => a + b, 0);
    if (total === 0) return [];
    return s.counts.flatMap((count, i) =>
      count > 0
        ? [{ score: round(s.binStart + i * s.binWidth), density: count / total, series: s.label }]
        : [],
    );
  });
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Vega-Lite → Vega → SVG, headless (no canvas, no network: all data is inline). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
