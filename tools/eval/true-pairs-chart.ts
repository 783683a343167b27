// `node -r @swc-node/register tools/eval/true-pairs-chart.ts <out.svg> <label>=<report.json> ...`:
// one chart of where the true pairs ended up in several eval runs (docs/evaluation.md).
import { readFileSync, writeFileSync } from 'node:fs';
import { svgToPng } from '@mosaic/charts';
import { renderTruePairsChart, type TruePairsRow } from '@mosaic/evaluation';

interface Shares {
  autoLinkedShare: number;
  neededReviewShare: number;
  missedShare: number;
}

async function main(): Promise<void> {
  const [out, ...runs] = process.argv.slice(2);
  if (!out || runs.length === 0) {
    throw new Error('usage: true-pairs-chart.ts <out.svg> <label>=<report.json> ...');
  }
  const rows: TruePairsRow[] = runs.map((arg) => {
    const at = arg.lastIndexOf('=');
    const report = JSON.parse(readFileSync(arg.slice(at + 1), 'utf8')) as {
      clustering: { links: Shares; linksAfterReview?: Shares };
    };
    const { links, linksAfterReview } = report.clustering;
    return {
      label: arg.slice(0, at),
      autoLinked: links.autoLinkedShare,
      neededReview: links.neededReviewShare,
      missed: links.missedShare,
      missedByReviewers: linksAfterReview ? linksAfterReview.missedShare - links.missedShare : 0,
    };
  });
  const svg = await renderTruePairsChart(rows);
  writeFileSync(out, svg);
  writeFileSync(out.replace(/\.svg$/, '.png'), svgToPng(svg));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
