import { renderTruePairsChart } from '..';

describe('renderTruePairsChart', () => {
  it('draws one bar per run with its review share labelled, and says where the axis starts', async () => {
    const svg = await renderTruePairsChart([
      { label: 'before', autoLinked: 0.8472, neededReview: 0.1509, missed: 0.0019 },
      {
        label: 'after',
        autoLinked: 0.9401,
        neededReview: 0.058,
        missed: 0.0019,
        missedByReviewers: 0.0001,
      },
    ]);
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of [
      'before',
      'after',
      '15.1%',
      '5.8%',
      'needed review',
      'axis starts at 70%',
    ]) {
      expect(svg).toContain(text);
    }
  });
});
