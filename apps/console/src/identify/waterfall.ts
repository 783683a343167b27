// The explanation waterfall: each comparison adds its log-likelihood ratio to
// a running total, from 0 to the decision's LLR, against the thresholds.

export interface WaterfallStep {
  kind: string;
  name: string;
  detail: string;
  weight: number;
}

export interface WaterfallBar extends WaterfallStep {
  /** Running total before and after this step. */
  start: number;
  end: number;
  /** Pixel geometry in the chart's drawing area. */
  x: number;
  width: number;
  y: number;
  direction: 'up' | 'down' | 'total';
}

export interface WaterfallThreshold {
  label: string;
  value: number;
  x: number;
}

export interface WaterfallLayout {
  bars: WaterfallBar[];
  thresholds: WaterfallThreshold[];
  total: number;
  domain: [number, number];
  zeroX: number;
  height: number;
  /** x of the scale's ticks, with their value. */
  ticks: { value: number; x: number }[];
}

export interface WaterfallOptions {
  width: number;
  rowHeight: number;
  thresholds?: { label: string; value: number | null | undefined }[];
}

function niceTicks(min: number, max: number, count: number): number[] {
  const span = max - min || 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => span / s <= count) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step) {
    ticks.push(Math.round(v / step) * step);
  }
  return ticks;
}

/**
 * Lays the steps out as horizontal bars, one row each, then a total row. The
 * domain always holds 0, every running total and every threshold given, so
 * a bar is never drawn off the chart.
 */
export function waterfallLayout(
  steps: readonly WaterfallStep[],
  options: WaterfallOptions,
): WaterfallLayout {
  let running = 0;
  const spans = steps.map((step) => {
    const start = running;
    running += step.weight;
    return { step, start, end: running };
  });
  const total = running;
  const thresholdValues = (options.thresholds ?? []).flatMap((t) =>
    typeof t.value === 'number' && Number.isFinite(t.value)
      ? [{ label: t.label, value: t.value }]
      : [],
  );
  const values = [
    0,
    total,
    ...spans.flatMap((s) => [s.start, s.end]),
    ...thresholdValues.map((t) => t.value),
  ];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo || 1) * 0.05;
  const domain: [number, number] = [lo - pad, hi + pad];
  const scale = (v: number) => ((v - domain[0]) / (domain[1] - domain[0])) * options.width;
  const bar = (
    step: WaterfallStep,
    start: number,
    end: number,
    row: number,
    direction: WaterfallBar['direction'],
  ): WaterfallBar => {
    const a = scale(Math.min(start, end));
    const b = scale(Math.max(start, end));
    return {
      ...step,
      start,
      end,
      x: a,
      // A zero-weight step still shows as a hairline.
      width: Math.max(1, b - a),
      y: row * options.rowHeight,
      direction,
    };
  };
  const bars = spans.map((s, i) =>
    bar(s.step, s.start, s.end, i, s.step.weight >= 0 ? 'up' : 'down'),
  );
  bars.push(
    bar(
      { kind: 'TOTAL', name: 'Total LLR', detail: '', weight: total },
      0,
      total,
      spans.length,
      'total',
    ),
  );
  return {
    bars,
    thresholds: thresholdValues.map((t) => ({ ...t, x: scale(t.value) })),
    total,
    domain,
    zeroX: scale(0),
    height: (spans.length + 1) * options.rowHeight,
    ticks: niceTicks(domain[0], domain[1], 6).map((value) => ({ value, x: scale(value) })),
  };
}
