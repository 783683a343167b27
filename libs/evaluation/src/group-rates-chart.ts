import { renderSvg } from '@mosaic/charts';
import type { TopLevelSpec } from 'vega-lite';
import type { GroupErrorRates, GroupRates } from './group-error-rates';
import { decadeAxis, decadeDomain } from './log-axis';

export interface GroupRatesChartOptions {
  title?: string;
}

/**
 * Per-group FMR and FNMR as points with their 95% intervals as bars, side by
 * side on log axes (group rates differ by factors, not by amounts), each group
 * labelled with its trial count so a wide interval explains itself. The
 * subtitle gives the max/min ratios and the groups left out of them. Groups
 * without trials of a kind are left out of that panel.
 */
export async function renderGroupRatesChart(
  rates: GroupErrorRates,
  options: GroupRatesChartOptions = {},
): Promise<string> {
  const panel = (
    title: string,
    rateOf: (g: GroupRates) => number,
    ciOf: (g: GroupRates) => [number, number],
    trialsOf: (g: GroupRates) => number,
  ): object => {
    const shown = rates.groups.filter((g) => trialsOf(g) > 0);
    const domain = decadeDomain(shown.flatMap((g) => [rateOf(g), ...ciOf(g)]));
    // A log axis has no zero: zero rates and lower bounds sit on its floor, hollow.
    const rows = shown.map((g) => ({
      group: `${g.group} (n=${trialsOf(g)})`,
      rate: Math.max(rateOf(g), domain[0]),
      zero: rateOf(g) === 0,
      lo: Math.max(ciOf(g)[0], domain[0]),
      hi: ciOf(g)[1],
    }));
    const y = { field: 'group', type: 'nominal' as const, title: null, sort: null };
    const scale = { type: 'log' as const, domain };
    return {
      title,
      width: 320,
      height: { step: 26 },
      data: { values: rows },
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 2, color: '#8aa8c8' },
          encoding: {
            y,
            x: {
              field: 'lo',
              type: 'quantitative',
              title: 'rate (log; bar: 95% CI; hollow: zero)',
              scale,
              axis: decadeAxis(domain),
            },
            x2: { field: 'hi' },
          },
        },
        {
          mark: { type: 'point', size: 50, color: '#1f4e79', strokeWidth: 1.6, opacity: 1 },
          encoding: {
            y,
            x: { field: 'rate', type: 'quantitative', scale },
            fill: { condition: { test: 'datum.zero', value: 'white' }, value: '#1f4e79' },
          },
        },
      ],
    };
  };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: options.title ?? 'Error rates by group',
      subtitle: [
        ratioLine('FMR', rates.fmrMaxMinRatio, rates.ratioExclusions.fmr),
        ratioLine('FNMR', rates.fnmrMaxMinRatio, rates.ratioExclusions.fnmr),
      ],
    },
    config: { font: 'sans-serif', view: { stroke: '#ccc' } },
    hconcat: [
      panel(
        'false-match rate',
        (g) => g.fmr,
        (g) => g.fmrCi,
        (g) => g.impostorCount,
      ),
      panel(
        'false non-match rate',
        (g) => g.fnmr,
        (g) => g.fnmrCi,
        (g) => g.genuineCount,
      ),
    ],
  } as TopLevelSpec;
  return renderSvg(spec);
}

function ratioLine(
  name: string,
  ratio: number,
  excluded: GroupErrorRates['ratioExclusions']['fmr'],
): string {
  const value = Number.isNaN(ratio) ? 'not measurable' : ratio.toFixed(2);
  const left =
    excluded.length === 0
      ? ''
      : ` (left out: ${excluded.map((e) => `${e.group}, ${e.reason}`).join('; ')})`;
  return `${name} max/min ratio: ${value}${left}`;
}
