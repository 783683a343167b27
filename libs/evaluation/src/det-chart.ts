import { renderSvg } from '@mosaic/charts';
import type { TopLevelSpec } from 'vega-lite';
import { decadeAxis, decadeDomain } from './log-axis';

export interface DetChartCurve {
  label: string;
  points: readonly { fmr: number; fnmr: number }[];
  /** The threshold in use, marked on the curve. */
  operatingPoint?: { fmr: number; fnmr: number; label: string };
}

export interface DetChartOptions {
  title?: string;
  width?: number;
  height?: number;
}

/**
 * DET chart as an SVG: FMR across, FNMR up, both on log axes as is customary
 * (ISO/IEC 19795-1), one line per curve, the operating points marked and
 * labelled. Points with a zero rate cannot sit on a log axis and are left out.
 */
export async function renderDetChart(
  curves: readonly DetChartCurve[],
  options: DetChartOptions = {},
): Promise<string> {
  const lines = curves.flatMap((curve) =>
    curve.points
      .filter((p) => p.fmr > 0 && p.fnmr > 0)
      .map((p, order) => ({ curve: curve.label, fmr: p.fmr, fnmr: p.fnmr, order })),
  );
  const marks = curves.flatMap((curve) =>
    curve.operatingPoint && curve.operatingPoint.fmr > 0 && curve.operatingPoint.fnmr > 0
      ? [{ curve: curve.label, ...curve.operatingPoint }]
      : [],
  );
  const xDomain = decadeDomain(
    [...lines, ...marks].map((p) => p.fmr),
    { upToOne: true },
  );
  const yDomain = decadeDomain(
    [...lines, ...marks].map((p) => p.fnmr),
    { upToOne: true },
  );
  const x = {
    field: 'fmr',
    type: 'quantitative' as const,
    title: 'false-match rate (FMR)',
    scale: { type: 'log' as const, domain: xDomain },
    axis: decadeAxis(xDomain),
  };
  const y = {
    field: 'fnmr',
    type: 'quantitative' as const,
    title: 'false non-match rate (FNMR)',
    scale: { type: 'log' as const, domain: yDomain },
    axis: decadeAxis(yDomain),
  };
  const color = {
    field: 'curve',
    type: 'nominal' as const,
    title: null,
    // One colour per curve, shared by its line and its operating point.
    scale: { domain: curves.map((c) => c.label) },
    legend: { orient: 'bottom' as const, columns: 2, labelLimit: 360 },
  };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title ?? 'Detection error trade-off',
    config: { font: 'sans-serif', view: { stroke: '#ccc' } },
    width: options.width ?? 520,
    height: options.height ?? 420,
    layer: [
      {
        data: { values: lines },
        mark: { type: 'line', clip: true, strokeWidth: 1.6 },
        encoding: { x, y, color, order: { field: 'order', type: 'quantitative' } },
      },
      ...(marks.length > 0
        ? [
            {
              data: { values: marks },
              mark: { type: 'point', filled: true, size: 70, shape: 'diamond', opacity: 1 },
              encoding: { x, y, color },
            },
            {
              data: { values: marks },
              mark: { type: 'text', align: 'left', dx: 7, dy: -7, fontSize: 10 },
              encoding: { x, y, text: { field: 'label', type: 'nominal' } },
            },
          ]
        : []),
    ],
  } as TopLevelSpec;
  return renderSvg(spec);
}
