import { renderToStaticMarkup } from 'react-dom/server';
import {
  ariaValue,
  barWidthPercent,
  formatProbability,
  ProbabilityBar,
} from '../identify/probability-bar';

describe('probability bar', () => {
  it('never says certain or impossible', () => {
    expect(formatProbability(1)).toBe('>99.9 %');
    expect(formatProbability(0.9996)).toBe('>99.9 %');
    expect(formatProbability(0)).toBe('<0.01 %');
    expect(formatProbability(4.3e-7)).toBe('<0.01 %');
  });

  it('keeps two places for small probabilities and one above 1 %', () => {
    expect(formatProbability(0.0042)).toBe('0.42 %');
    expect(formatProbability(0.5)).toBe('50.0 %');
    expect(formatProbability(0.99620689)).toBe('99.6 %');
    expect(formatProbability(Number.NaN)).toBe('unknown');
  });

  it('shows a sliver for any non-zero probability and clamps the width', () => {
    expect(barWidthPercent(0)).toBe(0);
    expect(barWidthPercent(1e-9)).toBeGreaterThan(0);
    expect(barWidthPercent(0.37)).toBeCloseTo(37);
    expect(barWidthPercent(3)).toBe(100);
  });

  it('gives assistive technology a plain decimal value (no exponent) and the text', () => {
    expect(String(ariaValue(4.336e-7))).toBe('0');
    expect(String(ariaValue(1.2e-6))).toBe('0.000001');
    const html = renderToStaticMarkup(<ProbabilityBar probability={0.25} label="Candidate 1" />);
    expect(html).toContain('role="meter"');
    expect(html).toContain('aria-label="Candidate 1"');
    expect(html).toContain('aria-valuenow="0.25"');
    expect(html).toContain('aria-valuetext="25.0 %"');
    expect(html).toContain('width:25%');
    expect(html).toContain('band-low');
    expect(renderToStaticMarkup(<ProbabilityBar probability={0.95} label="x" />)).toContain(
      'band-high',
    );
  });
});
