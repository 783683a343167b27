import { renderToStaticMarkup } from 'react-dom/server';
import { waterfallLayout, type WaterfallStep } from '../identify/waterfall';
import { WaterfallChart } from '../identify/waterfall-chart';

const steps: WaterfallStep[] = [
  { kind: 'PRIOR', name: 'candidate prior', detail: 'λ=0.979', weight: 3.84 },
  { kind: 'BIOGRAPHIC', name: 'given', detail: 'EXACT', weight: 6.69 },
  { kind: 'BIOGRAPHIC', name: 'date of birth', detail: 'DIFFERENT', weight: -2.5 },
  { kind: 'BIOMETRIC', name: 'face', detail: '0.61', weight: 12.2 },
];

describe('waterfall', () => {
  const layout = waterfallLayout(steps, {
    width: 400,
    rowHeight: 20,
    thresholds: [
      { label: 'auto-link', value: 14.02 },
      { label: 'review', value: 7.7 },
      { label: 'biometric', value: null },
    ],
  });

  it('runs each step from the running total before it, then a total row', () => {
    expect(layout.bars.map((b) => [b.start, b.end])).toEqual(
      [
        [0, 3.84],
        [3.84, 10.53],
        [10.53, 8.03],
        [8.03, 20.23],
        [0, 20.23],
      ].map(([a, b]) => [expect.closeTo(a as number, 6), expect.closeTo(b as number, 6)]),
    );
    expect(layout.total).toBeCloseTo(20.23);
    expect(layout.bars.map((b) => b.direction)).toEqual(['up', 'up', 'down', 'up', 'total']);
    expect(layout.height).toBe(5 * 20);
  });

  it('draws a negative step leftwards from where the total stood', () => {
    const down = layout.bars[2];
    const before = layout.bars[1];
    expect(down && before && down.x + down.width).toBeCloseTo(before ? before.x + before.width : 0);
  });

  it('keeps every bar and the given thresholds inside the chart, skipping a missing one', () => {
    for (const b of layout.bars) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(400 + 1e-9);
    }
    expect(layout.thresholds.map((t) => t.label)).toEqual(['auto-link', 'review']);
    expect(layout.domain[0]).toBeLessThanOrEqual(0);
    expect(layout.domain[1]).toBeGreaterThanOrEqual(20.23);
  });

  it('reaches a threshold beyond every total (the scale includes it)', () => {
    const small = waterfallLayout([{ kind: 'BIOMETRIC', name: 'face', detail: '', weight: 2 }], {
      width: 300,
      rowHeight: 20,
      thresholds: [{ label: 'auto-link', value: 14 }],
    });
    const line = small.thresholds[0];
    expect(line?.x).toBeGreaterThan(0);
    expect(line?.x).toBeLessThanOrEqual(300);
    expect(small.domain[1]).toBeGreaterThanOrEqual(14);
  });

  it('renders an accessible chart with its numbers also in a table', () => {
    const html = renderToStaticMarkup(
      <WaterfallChart
        title="Why linked"
        steps={steps}
        thresholds={[{ label: 'auto-link', value: 14.02 }]}
      />,
    );
    expect(html).toContain('role="img"');
    expect(html).toMatch(/<title[^>]*>Why linked: total LLR 20.23 from 4 comparisons<\/title>/);
    expect(html).toContain('bar-down');
    expect(html).toContain('auto-link 14.0');
    expect(html).toContain('<td>−2.50</td>');
    expect(html).toContain('<td>20.23</td>');
  });
});
