// The console's link graph with many persons, in a real browser: how long the
// first layout and draw take and whether panning and zooming stay smooth, at
// the analysis subgraph's limit (500 persons) beside a small graph of the size
// the demo data gives (50). The graph is synthetic, shaped like a
// neighbourhood (rings by hop, a few ties per person, every edge kind); it is
// drawn with the console's own elements, stylesheet and view settings.
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Rng } from '@mosaic/synth';
import { graphStylesheet, EDGE_TYPES } from '../../apps/console/src/graph/edge-style';
import {
  cytoscapeElements,
  edgeId,
  emptyGraph,
  GRAPH_VIEW,
  type GraphModel,
} from '../../apps/console/src/graph/graph-model';
import { percentile } from './bench-support';

export interface ConsoleGraphBenchRow {
  persons: number;
  ties: number;
  /** From creating the view to the first frame drawn after layout. */
  firstDrawMs: number;
  /** Frame intervals while panning and zooming continuously for 120 frames. */
  frameP50Ms: number;
  frameP95Ms: number;
  frameMaxMs: number;
  /** From selecting a tie to the next frame drawn. */
  selectMs: number;
  /** Against the smallest graph of the run. */
  firstDrawRatio: number;
  frameP95Ratio: number;
}

/** A neighbourhood-shaped graph: the subject, rings of 1–3 hops, every person tied inward. */
export function syntheticNeighbourhood(persons: number, seed = 7): GraphModel {
  const random = new Rng(seed);
  const rng = () => random.next();
  const graph = emptyGraph();
  const ring = (i: number) => (i === 0 ? 0 : i < persons * 0.1 ? 1 : i < persons * 0.4 ? 2 : 3);
  const ids: string[] = [];
  for (let i = 0; i < persons; i += 1) {
    const id = `p-${String(i).padStart(4, '0')}`;
    ids.push(id);
    graph.nodes.set(id, { id, label: `Person ${i}`, hops: ring(i) });
  }
  const tie = (a: string, b: string) => {
    const type = EDGE_TYPES[Math.floor(rng() * EDGE_TYPES.length)] ?? 'CO_TRAVEL';
    const id = edgeId(a, b, type);
    if (a === b || graph.edges.has(id)) return;
    graph.edges.set(id, {
      id,
      from: a,
      to: b,
      type,
      evidenceCount: 1 + Math.floor(rng() * 6),
      evidence: [],
    });
  };
  for (let i = 1; i < persons; i += 1) {
    const hops = ring(i);
    const inward = ids.filter((_, j) => j < i && ring(j) === hops - 1);
    const pick = () => inward[Math.floor(rng() * inward.length)] ?? (ids[0] as string);
    tie(ids[i] as string, pick());
    // About one in two persons has a second tie (a household, a shared phone).
    if (rng() < 0.5) tie(ids[i] as string, ids[Math.floor(rng() * i)] as string);
  }
  return graph;
}

function chromiumPath(): string {
  const path = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`no Chromium at ${path}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  }
  return path;
}

const round = (n: number) => Math.round(n * 10) / 10;

export async function benchConsoleGraph(
  sizes: readonly number[],
  log: (line: string) => void,
): Promise<ConsoleGraphBenchRow[]> {
  const browser = await chromium.launch({ executablePath: chromiumPath() });
  const cytoscapeScript = join(
    resolve(__dirname, '../..'),
    'node_modules',
    'cytoscape',
    'dist',
    'cytoscape.min.js',
  );
  const raw: Omit<ConsoleGraphBenchRow, 'firstDrawRatio' | 'frameP95Ratio'>[] = [];
  try {
    for (const persons of sizes) {
      const graph = syntheticNeighbourhood(persons);
      // A fresh page per size, 1280×800 as the console is tested at.
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.setContent(
        '<!doctype html><html><body style="margin:0"><div id="cy" style="position:relative;width:900px;height:640px"></div></body></html>',
      );
      await page.addScriptTag({ path: cytoscapeScript });
      const measured = await page.evaluate(
        async ({ elements, style, view }) => {
          // Runs in the page: the browser's globals, typed here by what the bench uses.
          const browser = globalThis as unknown as {
            requestAnimationFrame: (callback: (at: number) => void) => void;
            document: { getElementById: (id: string) => unknown };
            cytoscape: (options: unknown) => unknown;
          };
          const frame = () => new Promise<number>((r) => browser.requestAnimationFrame(r));
          const cytoscape = browser.cytoscape;
          const started = performance.now();
          const cy = cytoscape({
            container: browser.document.getElementById('cy'),
            elements,
            style,
            layout: {
              name: 'concentric',
              concentric: (n: { data: (k: string) => unknown }) => 10 - Number(n.data('hops')),
              levelWidth: () => 1,
              minNodeSpacing: view.minNodeSpacing,
              animate: false,
            },
            wheelSensitivity: view.wheelSensitivity,
            minZoom: view.minZoom,
            maxZoom: view.maxZoom,
          }) as {
            zoom: (z?: number) => number;
            panBy: (p: { x: number; y: number }) => void;
            edges: () => { length: number; eq: (i: number) => { select: () => void } };
          };
          await frame();
          await frame();
          const firstDraw = performance.now() - started;
          // Continuous pan and zoom, as a mouse drag and wheel would cause.
          const intervals: number[] = [];
          let last = await frame();
          for (let i = 0; i < 120; i += 1) {
            cy.zoom(cy.zoom() * (i % 40 < 20 ? 1.02 : 0.98));
            cy.panBy({ x: i % 2 === 0 ? 6 : -4, y: i % 3 === 0 ? 5 : -3 });
            const now = await frame();
            intervals.push(now - last);
            last = now;
          }
          const before = performance.now();
          cy.edges()
            .eq(Math.floor(cy.edges().length / 2))
            .select();
          await frame();
          return { firstDraw, intervals, select: performance.now() - before };
        },
        {
          elements: cytoscapeElements(graph),
          style: graphStylesheet(),
          view: GRAPH_VIEW,
        },
      );
      await page.close();
      const sorted = [...measured.intervals].sort((a, b) => a - b);
      const row = {
        persons: graph.nodes.size,
        ties: graph.edges.size,
        firstDrawMs: round(measured.firstDraw),
        frameP50Ms: round(percentile(sorted, 50)),
        frameP95Ms: round(percentile(sorted, 95)),
        frameMaxMs: round(sorted[sorted.length - 1] ?? NaN),
        selectMs: round(measured.select),
      };
      log(
        `console graph: ${row.persons} persons, ${row.ties} ties: first draw ${row.firstDrawMs} ms, frames p50 ${row.frameP50Ms} / p95 ${row.frameP95Ms} ms`,
      );
      raw.push(row);
    }
  } finally {
    await browser.close();
  }
  const base = raw[0];
  return raw.map((r) => ({
    ...r,
    firstDrawRatio: base ? round(r.firstDrawMs / base.firstDrawMs) : NaN,
    frameP95Ratio: base ? round(r.frameP95Ms / base.frameP95Ms) : NaN,
  }));
}

export function consoleGraphTable(rows: readonly ConsoleGraphBenchRow[]): string {
  return [
    '| persons | ties | first layout and draw (ms) | pan/zoom frame p50 / p95 / max (ms) | select a tie (ms) | first draw vs smallest | frame p95 vs smallest |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.persons} | ${r.ties} | ${r.firstDrawMs} | ${r.frameP50Ms} / ${r.frameP95Ms} / ${r.frameMaxMs} | ${r.selectMs} | ${r.firstDrawRatio}× | ${r.frameP95Ratio}× |`,
    ),
  ].join('\n');
}
