import { detCurve, errorRates, wilsonInterval } from '..';
import { Rng } from '@mosaic/synth';

describe('wilsonInterval', () => {
  it.each([
    // Newcombe (1998), Statistics in Medicine 17:857, table I, method 3.
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i → [%f, %f]', (errors, trials, lo, hi) => {
    const [low, high] = wilsonInterval(errors, trials);
    expect(low).toBeCloseTo(lo, 4);
    expect(high).toBeCloseTo(hi, 4);
  });

  it('is exact at the edges, full without trials, and refuses impossible counts', () => {
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(10, 10)[1]).toBe(1);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });
});

describe('errorRates', () => {
  const trials = [
    { score: 0.9, genuine: true },
    { score: 0.6, genuine: true },
    { score: 0.4, genuine: true },
    { score: 0.5, genuine: false },
    { score: 0.2, genuine: false },
    { score: 0.1, genuine: false },
    { score: 0.05, genuine: false },
  ];

  it('accepts a score equal to the threshold and counts both error kinds', () => {
    const rates = errorRates(trials, 0.5);
    expect(rates).toMatchObject({
      fmr: 1 / 4,
      fnmr: 1 / 3,
      falseMatches: 1,
      falseNonMatches: 1,
      genuineCount: 3,
      impostorCount: 4,
    });
    expect(rates.fmrCi).toEqual(wilsonInterval(1, 4));
    expect(rates.fnmrCi).toEqual(wilsonInterval(1, 3));
  });

  it('gives the same answer for score arrays as for trial objects', () => {
    const sets = {
      genuine: Float64Array.from(trials.filter((t) => t.genuine).map((t) => t.score)),
      impostor: Float32Array.from(trials.filter((t) => !t.genuine).map((t) => t.score)),
    };
    expect(errorRates(sets, 0.3)).toEqual(errorRates(trials, 0.3));
  });

  it('says NaN, not 0, for a rate without trials, and refuses NaN scores', () => {
    const rates = errorRates({ genuine: [0.7], impostor: [] }, 0.5);
    expect(rates.fmr).toBeNaN();
    expect(rates.fmrCi).toEqual([0, 1]);
    expect(() => errorRates([{ score: Number.NaN, genuine: true }], 0.5)).toThrow(RangeError);
  });
});

describe('detCurve', () => {
  const rng = new Rng(42);
  const genuine = Float64Array.from({ length: 5_000 }, () => 3 + rng.gaussian());
  const impostor = Float64Array.from({ length: 200_000 }, () => rng.gaussian());
  const curve = detCurve(genuine, impostor);

  it('trades FMR against FNMR monotonically as the threshold rises', () => {
    for (let i = 1; i < curve.length; i++) {
      const [prev, next] = [curve[i - 1], curve[i]] as const;
      expect(next?.threshold).toBeGreaterThan(prev?.threshold as number);
      expect(next?.fmr).toBeLessThanOrEqual(prev?.fmr as number);
      expect(next?.fnmr).toBeGreaterThanOrEqual(prev?.fnmr as number);
    }
  });

  it('runs from accepting everything to rejecting everything, through the lowest measurable FMR', () => {
    expect(curve[0]).toMatchObject({ fmr: 1, fnmr: 0 });
    expect(curve.at(-1)).toMatchObject({ fmr: 0, fnmr: 1 });
    const positive = curve.filter((p) => p.fmr > 0).map((p) => p.fmr);
    expect(Math.min(...positive)).toBe(1 / impostor.length);
    expect(curve.length).toBeGreaterThan(100);
    expect(curve.length).toBeLessThanOrEqual(202);
  });

  it('spreads its points along the curve, so no decade of FMR is drawn as one straight segment', () => {
    for (let e = -5; e < 0; e++) {
      const inDecade = curve.filter((p) => p.fmr >= 10 ** e && p.fmr < 10 ** (e + 1));
      expect(inDecade.length).toBeGreaterThanOrEqual(5);
    }
  });

  it('reports at each threshold the rates errorRates measures there', () => {
    for (const point of curve.filter((_, i) => i % 17 === 0)) {
      const rates = errorRates({ genuine, impostor }, point.threshold);
      expect(rates.fmr).toBe(point.fmr);
      expect(rates.fnmr).toBe(point.fnmr);
    }
  });

  it('handles ties between genuine and impostor scores', () => {
    const tied = detCurve([0.5, 0.5, 0.8], [0.5, 0.2], 10);
    expect(tied).toEqual([
      { threshold: 0.2, fmr: 1, fnmr: 0 },
      { threshold: 0.5, fmr: 0.5, fnmr: 0 },
      { threshold: 0.8, fmr: 0, fnmr: 2 / 3 },
      { threshold: expect.any(Number), fmr: 0, fnmr: 1 },
    ]);
    expect(tied[3]?.threshold).toBeGreaterThan(0.8);
  });

  it('refuses an empty side', () => {
    expect(() => detCurve([], [0.1])).toThrow(RangeError);
  });
});
