import { groupErrorRates, wilsonInterval, type GroupTrial } from '..';

function trials(
  group: string,
  impostors: number,
  falseMatches: number,
  genuine: number,
  falseNonMatches: number,
): GroupTrial[] {
  return [
    ...Array.from({ length: impostors }, (_, i) => ({
      group,
      genuine: false,
      accepted: i < falseMatches,
    })),
    ...Array.from({ length: genuine }, (_, i) => ({
      group,
      genuine: true,
      accepted: i >= falseNonMatches,
    })),
  ];
}

describe('groupErrorRates', () => {
  const result = groupErrorRates(
    [
      ...trials('GROUP_B', 1000, 4, 200, 10),
      ...trials('GROUP_A', 1000, 1, 200, 2),
      ...trials('GROUP_C', 1000, 0, 200, 4),
      ...trials('GROUP_D', 20, 5, 20, 5),
    ],
    { minTrials: 100 },
  );

  it('gives each group its rates and Wilson intervals, sorted by group', () => {
    expect(result.groups.map((g) => g.group)).toEqual(['GROUP_A', 'GROUP_B', 'GROUP_C', 'GROUP_D']);
    expect(result.groups[1]).toEqual({
      group: 'GROUP_B',
      genuineCount: 200,
      impostorCount: 1000,
      falseMatches: 4,
      falseNonMatches: 10,
      fmr: 0.004,
      fmrCi: wilsonInterval(4, 1000),
      fnmr: 0.05,
      fnmrCi: wilsonInterval(10, 200),
    });
  });

  it('takes the max/min ratio over groups with enough trials and a non-zero rate, and says which it left out', () => {
    expect(result.fmrMaxMinRatio).toBeCloseTo(4, 12);
    expect(result.fnmrMaxMinRatio).toBeCloseTo(5, 12);
    expect(result.ratioExclusions.fmr).toEqual([
      { group: 'GROUP_C', reason: 'zero-rate' },
      { group: 'GROUP_D', reason: 'too-few-trials' },
    ]);
    expect(result.ratioExclusions.fnmr).toEqual([{ group: 'GROUP_D', reason: 'too-few-trials' }]);
  });

  it('has no ratio when fewer than two groups qualify, and NaN rates for a kind without trials', () => {
    const lone = groupErrorRates([...trials('GROUP_A', 500, 2, 0, 0)]);
    expect(lone.fmrMaxMinRatio).toBeNaN();
    expect(lone.groups[0]?.fnmr).toBeNaN();
    expect(lone.ratioExclusions.fnmr).toEqual([{ group: 'GROUP_A', reason: 'too-few-trials' }]);
  });
});
