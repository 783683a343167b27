import { svgToPng } from '@mosaic/charts';
import {
  detCurve,
  groupErrorRates,
  renderDetChart,
  renderGroupRatesChart,
  type GroupTrial,
} from '..';
import { Rng } from '@mosaic/synth';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('renderDetChart', () => {
  const rng = new Rng(3);
  const curve = (separation: number) =>
    detCurve(
      Float64Array.from({ length: 2_000 }, () => separation + rng.gaussian()),
      Float64Array.from({ length: 20_000 }, () => rng.gaussian()),
    );

  it('draws each curve with its label and operating point on log axes', async () => {
    const svg = await renderDetChart(
      [
        {
          label: 'face',
          points: curve(3),
          operatingPoint: { fmr: 1e-3, fnmr: 0.12, label: 'face @ FMR 1e-3' },
        },
        { label: 'finger', points: curve(4) },
      ],
      { title: 'DET by modality' },
    );
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of [
      'DET by modality',
      'face',
      'finger',
      'face @ FMR 1e-3',
      'false-match rate (FMR)',
    ]) {
      expect(svg).toContain(text);
    }
    // Decade ticks of a log axis, down to the lowest FMR 20,000 impostors can measure.
    expect(svg).toContain('>1e-4<');
    expect(svg).toContain('>0.01<');
    expect(svg.match(/class="mark-line role-mark/g)?.length).toBeGreaterThanOrEqual(1);
  });

  it('rasterises to a PNG whose labels are drawn', async () => {
    const svg = await renderDetChart([{ label: 'face', points: curve(3) }]);
    const png = svgToPng(svg);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // Without a usable font resvg drops text silently; the labels must change the picture.
    const unlabelled = svgToPng(svg.replace(/<text[^>]*>[^<]*<\/text>/g, ''));
    expect(png.equals(unlabelled)).toBe(false);
  });
});

describe('renderGroupRatesChart', () => {
  it('draws every group with its trial count and the ratio with its exclusions', async () => {
    const trials: GroupTrial[] = [];
    for (const [group, falseMatches] of [
      ['GROUP_A', 2],
      ['GROUP_B', 6],
      ['GROUP_C', 0],
    ] as const) {
      for (let i = 0; i < 1000; i++)
        trials.push({ group, genuine: false, accepted: i < falseMatches });
      for (let i = 0; i < 200; i++) trials.push({ group, genuine: true, accepted: i >= 5 });
    }
    const svg = await renderGroupRatesChart(groupErrorRates(trials), { title: 'Rates by region' });
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of [
      'Rates by region',
      'GROUP_A (n=1000)',
      'GROUP_C (n=200)',
      'FMR max/min ratio: 3.00 (left out: GROUP_C, zero-rate)',
      'FNMR max/min ratio: 1.00',
    ]) {
      expect(svg).toContain(text);
    }
    expect(svgToPng(svg).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });
});
