import {
  DEFAULT_SYNTH_OPTIONS,
  resolveSynthOptions,
  SynthOptionsError,
  synthOptionsSchema,
} from '..';

function issuesOf(run: () => unknown): { option: string; reason: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof SynthOptionsError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a SynthOptionsError');
}

describe('synth options', () => {
  it('has valid defaults', () => {
    expect(synthOptionsSchema.safeParse(DEFAULT_SYNTH_OPTIONS).success).toBe(true);
  });

  it('applies path=value overrides to nested options', () => {
    const options = resolveSynthOptions(
      { persons: 500, seed: 9 },
      { 'names.typoRate': '0.2', 'face.qualityBeta.a': '3' },
    );
    expect(options.persons).toBe(500);
    expect(options.seed).toBe(9);
    expect(options.names.typoRate).toBe(0.2);
    expect(options.face.qualityBeta.a).toBe(3);
    expect(DEFAULT_SYNTH_OPTIONS.names.typoRate).not.toBe(0.2);
  });

  it('names an unknown option', () => {
    expect(issuesOf(() => resolveSynthOptions({}, { 'names.typoRat': '0.1' }))).toEqual([
      { option: 'names.typoRat', reason: 'unknown option' },
    ]);
  });

  it('names an impossible rate and says why', () => {
    const [issue] = issuesOf(() => resolveSynthOptions({}, { 'travel.faceCaptureRate': '1.5' }));
    expect(issue?.option).toBe('travel.faceCaptureRate');
    expect(issue?.reason).toMatch(/1/);
  });

  it('names a value that is not a number', () => {
    expect(issuesOf(() => resolveSynthOptions({}, { 'dates.partialRate': 'often' }))).toEqual([
      { option: 'dates.partialRate', reason: 'expected a number, got "often"' },
    ]);
  });

  it('rejects an impossible size and an inverted range by name', () => {
    expect(issuesOf(() => resolveSynthOptions({ persons: 0 })).map((i) => i.option)).toEqual([
      'persons',
    ]);
    const issues = issuesOf(() =>
      resolveSynthOptions(
        {},
        { 'population.householdSize.min': '7', 'population.householdSize.max': '3' },
      ),
    );
    expect(issues.map((i) => i.option)).toEqual(['population.householdSize']);
  });

  it('refuses to set a whole group of options at once', () => {
    const [issue] = issuesOf(() => resolveSynthOptions({}, { names: '0.1' }));
    expect(issue?.option).toBe('names');
    expect(issue?.reason).toMatch(/names\.variantRate/);
  });
});
