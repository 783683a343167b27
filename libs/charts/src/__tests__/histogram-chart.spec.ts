import { renderHistogramPanels } from '..';

describe('renderHistogramPanels', () => {
  it('draws one line per series with the series names in the legend and the threshold marker', async () => {
    const svg = await renderHistogramPanels(
      [
        {
          title: 'face',
          series: [
            { label: 'genuine', binStart: 0, binWidth: 0.1, counts: [0, 1, 4, 10, 4] },
            { label: 'impostor GROUP_A', binStart: 0, binWidth: 0.1, counts: [50, 10, 1, 0, 0] },
          ],
          markers: [{ label: 'FMR 1e-4', value: 0.25 }],
        },
      ],
      { title: 'Score distributions' },
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Score distributions');
    expect(svg).toContain('impostor GROUP_A');
    expect(svg).toContain('genuine');
    expect(svg).toContain('FMR 1e-4');
    // Two series → two line paths in the marks group.
    expect(svg.match(/class="mark-line role-mark/g)?.length).toBeGreaterThanOrEqual(1);
  });

  it('leaves out empty series instead of failing on a log scale', async () => {
    const svg = await renderHistogramPanels(
      [
        {
          title: 'finger',
          series: [{ label: 'empty', binStart: 0, binWidth: 0.1, counts: [0, 0] }],
        },
      ],
      { title: 'nothing yet' },
    );
    expect(svg).toContain('nothing yet');
    expect(svg).not.toContain('>empty<');
  });
});
