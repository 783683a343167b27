// `npm run eval -- --persons 100000 --seed N`: synthesises a population,
// resolves it, lets simulated reviewers work the REVIEW queue under the
// two-person rule (or the oracle, `--reviewers oracle`), and scores the result
// against ground truth. Writes
// reports/eval/<mode>-<persons>-<seed>/report.json plus DET and group charts
// (SVG and PNG) and prints the summary. Modes: in-process (the engine with an
// in-memory HNSW index).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { svgToPng } from '@mosaic/charts';
import { InMemoryCandidateIndex } from '@mosaic/candidate-index';
import {
  computeThresholds,
  DEFAULT_THRESHOLD_POLICY,
  DOCUMENT_ANCHOR_MIN_PRECISION,
  InMemoryRecordStore,
  normaliseRecord,
  withDocumentAnchor,
  type RecordFeatures,
  type ResolutionRecord,
} from '@mosaic/resolution';
import { resolveSynthOptions, Rng } from '@mosaic/synth';
import { sampleTrials } from './error-sample';
import {
  clusteringReport,
  decisionReport,
  documentAnchorReport,
  modalityCharts,
  modalityReport,
} from './report';
import {
  IN_PROCESS_RESOLVER_OPTIONS,
  runResolution,
  type ReviewMode,
  type RunOutput,
} from './resolution-run';
import { runThroughService, type ServiceMode } from './service-run';
import {
  DEFAULT_REVIEWER_ERROR_RATE,
  DEFAULT_SUPERVISOR_ERROR_RATE,
  emptyTruth,
  renderTruePairsChart,
  syntheticDocumentAnchorCalibration,
  syntheticRecords,
  trainWithSyntheticCalibration,
} from '@mosaic/evaluation';

const root = resolve(__dirname, '../..');

const rate = (name: string) => (value: string) => {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError(`${name} must lie in [0, 1]`);
  return n;
};

const whole = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new InvalidArgumentError(`${name} must be a whole number`);
  return n;
};

/** Fisher–Yates on the project's seeded stream (the order-independence test shuffles the same way). */
function shuffle<T>(items: T[], seed: number): T[] {
  const rng = new Rng(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

async function main(): Promise<void> {
  const program = new Command('eval')
    .option('--persons <n>', 'persons to synthesise', whole('--persons'), 100_000)
    .option('--seed <n>', 'synthesis seed', whole('--seed'), 1)
    .option(
      '--mode <mode>',
      'in-process (engine + in-memory index), embedded (identity service on PGlite + in-process bus) or infra (PostgreSQL + Kafka + Elasticsearch)',
      'in-process',
    )
    .option('--batch-size <n>', 'records per resolver batch', whole('--batch-size'), 500)
    .option(
      '--train-records <n>',
      'records EM learns from (unlabelled)',
      whole('--train-records'),
      30_000,
    )
    .option(
      '--calibration-persons <n>',
      'persons in the separate labelled calibration set',
      whole('--calibration-persons'),
      4_000,
    )
    .option(
      '--common-block-size <n>',
      "blocking keys shared by more records propose only with a second agreeing key (0: cut every block at 100, the identity service's rule)",
      whole('--common-block-size'),
      IN_PROCESS_RESOLVER_OPTIONS.commonBlockSize,
    )
    .option(
      '--batch-mates <how>',
      'find batch-mates through the index (index) or by comparing every pair of a batch (compare)',
      'index',
    )
    .option(
      '--biometric-search <when>',
      'search faces and fingers for every record (always) or only for records blocking did not auto-link (unlinked)',
      IN_PROCESS_RESOLVER_OPTIONS.biometricSearch ?? 'always',
    )
    .option('--shuffle <seed>', 'resolve records in a shuffled order', whole('--shuffle'))
    .option(
      '--reviewers <who>',
      'who works the REVIEW queue: simulated (reviewers who err, two-person rule) or oracle (ground truth)',
      'simulated',
    )
    .option(
      '--reviewer-error-rate <p>',
      'chance that a simulated reviewer gives the wrong verdict (independent)',
      rate('--reviewer-error-rate'),
      DEFAULT_REVIEWER_ERROR_RATE,
    )
    .option(
      '--supervisor-error-rate <p>',
      'chance that the supervisor settling a disagreement is wrong',
      rate('--supervisor-error-rate'),
      DEFAULT_SUPERVISOR_ERROR_RATE,
    )
    .option(
      '--review-seed <n>',
      'seed of the simulated reviewers (default: --seed)',
      whole('--review-seed'),
    )
    .option(
      '--anchor-calibration-persons <n>',
      'persons in the separate labelled set that measures the document-anchored profile (0: no anchor profile)',
      whole('--anchor-calibration-persons'),
      20_000,
    )
    .option(
      '--anchor-min-precision <p>',
      'Wilson 95% lower bound of precision the document anchor must reach to auto-link',
      rate('--anchor-min-precision'),
      DOCUMENT_ANCHOR_MIN_PRECISION,
    )
    .option('--out <dir>', 'output folder')
    .parse();
  const opts = program.opts<{
    persons: number;
    seed: number;
    mode: string;
    batchSize: number;
    trainRecords: number;
    calibrationPersons: number;
    commonBlockSize: number;
    batchMates: string;
    biometricSearch: string;
    shuffle?: number;
    reviewers: string;
    reviewerErrorRate: number;
    supervisorErrorRate: number;
    reviewSeed?: number;
    anchorCalibrationPersons: number;
    anchorMinPrecision: number;
    out?: string;
  }>();
  if (!['simulated', 'oracle'].includes(opts.reviewers)) {
    throw new InvalidArgumentError(
      `--reviewers must be simulated or oracle, got "${opts.reviewers}"`,
    );
  }
  const review: ReviewMode =
    opts.reviewers === 'oracle'
      ? { kind: 'oracle' }
      : {
          kind: 'simulated',
          seed: opts.reviewSeed ?? opts.seed,
          reviewerErrorRate: opts.reviewerErrorRate,
          supervisorErrorRate: opts.supervisorErrorRate,
        };
  if (!['in-process', 'embedded', 'infra'].includes(opts.mode)) {
    throw new InvalidArgumentError(
      `--mode must be in-process, embedded or infra, got "${opts.mode}"`,
    );
  }
  const out = resolve(
    root,
    opts.out ?? join('reports', 'eval', `${opts.mode}-${opts.persons}-${opts.seed}`),
  );
  await mkdir(out, { recursive: true });
  const started = Date.now();
  const log = (message: string) =>
    console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);

  log(`synthesising ${opts.persons} persons (seed ${opts.seed})`);
  const truth = emptyTruth();
  const synth = resolveSynthOptions({ persons: opts.persons, seed: opts.seed });
  // Logs of long runs need progress too: print every 10 s when stdout is not a terminal.
  const tty = { noTTYOutput: true, notTTYSchedule: 10_000 };
  const bar = new SingleBar(
    { format: '  {bar} {value}/{total} {unit}', ...tty },
    Presets.shades_classic,
  );
  const blocks = Math.ceil(opts.persons / synth.blockSize);
  bar.start(blocks, 0, { unit: 'blocks' });
  let records: ResolutionRecord[] = [];
  for (const { records: r } of syntheticRecords(synth, truth)) {
    records.push(...r);
    bar.increment();
  }
  bar.stop();
  if (opts.shuffle !== undefined) records = shuffle(records, opts.shuffle);
  log(`${records.length} records`);

  log(
    `training on ${Math.min(opts.trainRecords, records.length)} unlabelled records; ` +
      `calibration set ${opts.calibrationPersons} persons (seed ${opts.seed + 1_000_003})`,
  );
  const model = trainWithSyntheticCalibration(records.slice(0, opts.trainRecords), {
    seed: opts.seed,
    calibration: { persons: opts.calibrationPersons, seed: opts.seed + 1_000_003 },
  });
  let thresholds = computeThresholds(model, {
    ...DEFAULT_THRESHOLD_POLICY,
    gallerySize: records.length,
  });
  let anchorCalibration: ReturnType<typeof syntheticDocumentAnchorCalibration> | null = null;
  if (opts.mode !== 'in-process') {
    // The service computes its own thresholds, which carry no anchor measurement yet (ADR 0014).
    log('document anchor: not measured; the identity service sends anchored pairs to review');
  } else if (opts.anchorCalibrationPersons > 0) {
    // Its own labelled population and seed, like the biometric calibration set (ADR 0014).
    const anchorSeed = opts.seed + 2_000_003;
    log(
      `measuring the document-anchored profile on a labelled set of ${opts.anchorCalibrationPersons} persons (seed ${anchorSeed})`,
    );
    anchorCalibration = syntheticDocumentAnchorCalibration(model, thresholds, {
      persons: opts.anchorCalibrationPersons,
      seed: anchorSeed,
      minPrecision: opts.anchorMinPrecision,
    });
    thresholds = withDocumentAnchor(thresholds, anchorCalibration);
    log(
      `document anchor: ${anchorCalibration.sharedDocumentPairs} pairs share a document, ${anchorCalibration.anchoredPairs} anchored; ${anchorCalibration.reason}`,
    );
  }
  log(`model ${model.version}, thresholds ${thresholds.version} (gallery ${records.length})`);

  let run: RunOutput;
  let features: ReadonlyMap<string, RecordFeatures>;
  if (opts.mode === 'in-process') {
    const store = new InMemoryRecordStore();
    const index = new InMemoryCandidateIndex();
    const progress = new SingleBar(
      { format: '  {bar} {value}/{total} records | {rate} rec/s', ...tty },
      Presets.shades_classic,
    );
    progress.start(records.length, 0, { rate: 0 });
    let done = 0;
    let seconds = 0;
    const batches = function* () {
      for (let i = 0; i < records.length; i += 10_000) yield records.slice(i, i + 10_000);
    };
    run = await runResolution(batches(), (key) => truth.personOf.get(key), {
      model,
      thresholds,
      index,
      store,
      batchSize: opts.batchSize,
      review,
      resolver: {
        ...IN_PROCESS_RESOLVER_OPTIONS,
        commonBlockSize: opts.commonBlockSize === 0 ? undefined : opts.commonBlockSize,
        indexBeforeSearch: opts.batchMates !== 'compare',
        biometricSearch: opts.biometricSearch.toUpperCase() === 'UNLINKED' ? 'UNLINKED' : 'ALWAYS',
      },
      onBatch: (n, s) => {
        done += n;
        seconds += s;
        progress.update(done, { rate: Math.round(done / seconds) });
      },
    });
    progress.stop();
    features = store.all();
  } else {
    run = await runThroughService(
      opts.mode as ServiceMode,
      synth,
      truth,
      model,
      records.length,
      log,
      review,
    );
    features = new Map(records.map((r) => [r.key, normaliseRecord(r)]));
  }
  const throughput = run.records / run.resolveSeconds;
  log(
    `resolved ${run.records} records in ${run.resolveSeconds.toFixed(1)} s (${Math.round(throughput)} records/s)`,
  );

  const clustering = clusteringReport(run, truth);
  const decisions = decisionReport(run, truth);
  const anchor = documentAnchorReport(run, truth);
  const modalities = [];
  for (const modality of ['face', 'finger'] as const) {
    const trials = sampleTrials(modality, features, truth, model, thresholds, {
      genuinePerPerson: 5,
      impostorsPerGroup: 100_000,
      seed: opts.seed,
    });
    const report = modalityReport(trials);
    const charts = await modalityCharts(trials, report);
    await writeFile(join(out, `det-${modality}.svg`), charts.detSvg);
    await writeFile(join(out, `det-${modality}.png`), charts.detPng);
    await writeFile(join(out, `groups-${modality}.svg`), charts.groupsSvg);
    await writeFile(join(out, `groups-${modality}.png`), charts.groupsPng);
    modalities.push(report);
  }
  // The false links by kind of impostor: twins and lookalikes defeat the matcher by construction.
  const falseLinkKinds = { TWIN: 0, LOOKALIKE: 0, OTHER: 0 };
  for (const d of run.falseAutoLinks) {
    const pa = truth.personOf.get(d.a) as string;
    const pb = truth.personOf.get(d.b) as string;
    const kind = truth.lookalikes.get(pa)?.find((l) => l.personId === pb)?.kind ?? 'OTHER';
    falseLinkKinds[kind] += 1;
  }
  const report = {
    mode: opts.mode,
    persons: opts.persons,
    seed: opts.seed,
    shuffled: opts.shuffle ?? null,
    records: run.records,
    modelVersion: model.version,
    thresholdVersion: thresholds.version,
    thresholds,
    em: model.biographic.em,
    lambda: model.biographic.lambda,
    throughput: { recordsPerSecond: Math.round(throughput), resolveSeconds: run.resolveSeconds },
    clustering,
    decisions,
    review: {
      ...run.review,
      decisionsPer1000Records:
        run.review.simulation === null
          ? null
          : (1000 * run.review.simulation.decisions) / run.records,
    },
    documentAnchor: { calibration: anchorCalibration, onThisRun: anchor },
    flaggedRecords: run.flaggedRecords,
    oversizedBlocks: run.oversizedBlocks,
    candidates: run.candidates ?? null,
    blockedLinks: run.blockedLinks,
    falseAutoLinkKinds: falseLinkKinds,
    modalities,
  };
  await writeFile(join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const truePairs = await renderTruePairsChart([
    {
      label: `${opts.persons} persons, seed ${opts.seed}`,
      autoLinked: clustering.links.autoLinkedShare,
      neededReview: clustering.links.neededReviewShare,
      missed: clustering.links.missedShare,
      missedByReviewers: clustering.linksAfterReview.missedShare - clustering.links.missedShare,
    },
  ]);
  await writeFile(join(out, 'true-pairs.svg'), truePairs);
  await writeFile(join(out, 'true-pairs.png'), svgToPng(truePairs));
  // The false links that reached AUTO_LINK, each with its waterfall: what to read first when precision drops.
  await writeFile(
    join(out, 'false-auto-links.ndjson'),
    run.falseAutoLinks
      .map((d) =>
        JSON.stringify({ ...d, truth: [truth.personOf.get(d.a), truth.personOf.get(d.b)] }),
      )
      .join('\n'),
  );
  const f = (x: number) => x.toFixed(4);
  const line = (label: string, c: typeof clustering.autoOnly) =>
    `${label.padEnd(17)}pairwise P ${f(c.pairwise.precision)} R ${f(c.pairwise.recall)} F1 ${f(c.pairwise.f1)} | B-cubed P ${f(c.bcubed.precision)} R ${f(c.bcubed.recall)} F1 ${f(c.bcubed.f1)}`;
  const sim = run.review.simulation;
  const pct = (x: number, of: number) => (of === 0 ? '—' : `${((100 * x) / of).toFixed(1)}%`);
  const reviewLines =
    sim === null
      ? `review           oracle: ${run.review.oracle.links} links, ${run.review.oracle.rejections} rejections of ${run.review.items} items`
      : `${line('with reviewers', clustering.withReview)}
review work      ${opts.reviewerErrorRate * 100}% reviewers, ${opts.supervisorErrorRate * 100}% supervisors, two-person rule; ${sim.items} items: ${sim.worked} worked, ${sim.closedBySettlement} closed by an applied decision | ${sim.decisions} decisions (${sim.reviewerDecisions} reviewer + ${sim.supervisorDecisions} supervisor) = ${((1000 * sim.decisions) / run.records).toFixed(1)} per 1,000 records
review errors    ${sim.reviewerErrors} single-reviewer errors, ${sim.caughtBySecondReview} caught by the second review (${pct(sim.caughtBySecondReview, sim.reviewerErrors)}), ${sim.bothWrong} items both wrong | supervisor ${sim.supervisorErrors} wrong of ${sim.supervisorDecisions} | applied wrongly: ${sim.wrongApplied.link} LINK, ${sim.wrongApplied.notLink} NOT_LINK | kappa ${f(sim.kappa)}`;
  const anchorLines = anchorCalibration
    ? `document anchor  calibration (${anchorCalibration.measuredOn}): ${anchorCalibration.reason}
                 this run: ${anchor.autoLinked} AUTO_LINK, ${anchor.falseLinks} false (precision ${f(anchor.precision)}, Wilson 95% lower ${anchor.precisionLowerBound.toFixed(5)}) | in review ${anchor.review.samePerson} same / ${anchor.review.differentPersons} different
`
    : '';
  console.log(`
${line('AUTO_LINK only', clustering.autoOnly)}
${line('with oracle', clustering.withOracleReview)}
${reviewLines}
true links       auto ${f(clustering.links.autoLinkedShare)} | needed review ${f(clustering.links.neededReviewShare)} | missed ${f(clustering.links.missedShare)} (after the reviewers: ${f(clustering.linksAfterReview.missedShare)})
decisions        AUTO_LINK ${decisions.autoLink.samePerson} true / ${decisions.autoLink.differentPersons} false (${falseLinkKinds.TWIN} twins, ${falseLinkKinds.LOOKALIKE} lookalikes, ${falseLinkKinds.OTHER} other; first 1,000) | REVIEW ${decisions.review.samePerson} / ${decisions.review.differentPersons} | NO_LINK ${decisions.noLink.samePerson} / ${decisions.noLink.differentPersons}
${anchorLines}${modalities.map((m) => `${m.modality.padEnd(16)} FMR ${m.fmr.toExponential(2)} [${m.fmrCi.map((x) => x.toExponential(1)).join(', ')}] FNMR ${f(m.fnmr)} | group FMR max/min ${m.groups.fmrMaxMinRatio.toFixed(2)} FNMR max/min ${m.groups.fnmrMaxMinRatio.toFixed(2)}`).join('\n')}
${
  run.candidates
    ? `candidates       ${(run.candidates.pairs / run.records).toFixed(2)} pairs/record proposed, ${(run.candidates.scored / run.records).toFixed(2)} scored (${run.candidates.boundPruned} cut by the LLR bound, ${run.candidates.biometricRejected} kNN against) | true pairs ${run.candidates.truePairs}: proposed ${f(run.candidates.recall)}, by blocking ${f(run.candidates.blockingRecall)}
`
    : ''
}throughput       ${Math.round(throughput)} records/s (${opts.mode === 'in-process' ? 'in-process engine' : `identity service, ${opts.mode}, end to end from the bus`})
report           ${join(out, 'report.json')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
