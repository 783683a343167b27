import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { renderHistogramPanels, type HistogramPanel } from '@mosaic/charts';
import {
  blockCount,
  generateBlocks,
  histogram,
  operatingPoint,
  pooledImpostors,
  REGION_GROUPS,
  scoreSamples,
  type CaptureSample,
  type OperatingPoint,
  type RegionGroup,
  type SynthOptions,
} from '@mosaic/synth';

/** The files of a synth output folder, relative to it. */
export const SYNTH_FILES = {
  travel: 'travel.ndjson',
  seizure: 'seizure.ndjson',
  fingerprint: 'fingerprint.ndjson',
  truthPersons: 'truth/persons.ndjson',
  truthRecords: 'truth/records.ndjson',
  truthRelationships: 'truth/relationships.ndjson',
} as const;
type FileKey = keyof typeof SYNTH_FILES;

export class OutputExistsError extends Error {
  constructor(readonly path: string) {
    super(`--out ${path} already exists; choose another folder or pass --force to replace it`);
    this.name = 'OutputExistsError';
  }
}

export interface SynthProgress {
  blocksDone: number;
  blocks: number;
  personsDone: number;
}

export interface SynthSummary {
  generator: string;
  options: SynthOptions;
  counts: {
    persons: number;
    travelEncounters: number;
    travelEncountersWithFace: number;
    seizureCases: number;
    seizureSubjects: number;
    seizureSubjectsWithFace: number;
    seizureSubjectsWithPrints: number;
    fingerprintEnrollments: number;
    fingerprintEnrollmentsWithoutUsableBiometric: number;
    relationships: Record<string, number>;
    coincidentalIdentifierUses: number;
    twins: number;
    lookalikes: number;
    faceTemplates: number;
    fingerTemplates: number;
  };
  /** How often each distortion was applied, per record that stands for one person. */
  distortionRates: Record<string, number>;
  /** Scores of a plain cosine comparison on a sample, at the auto-link operating point. */
  scores: Record<'face' | 'finger', OperatingPoint & { samplePersonsPerGroup: number }>;
  files: Record<string, { bytes: number; sha256: string }>;
}

const GENERATOR_VERSION = 'mosaic-synth/1';
const TARGET_FMR = 1e-4;

/**
 * Writes a synthetic population to `out`: NDJSON per source, the ground truth
 * under truth/, summary.json and summary.svg. Everything is written into a
 * temporary sibling folder first and renamed at the end, so a failed or
 * interrupted run leaves no half-written output behind.
 */
export async function writeSynthOutput(
  options: SynthOptions,
  target: { out: string; force: boolean; samplePersonsPerGroup?: number },
  onProgress: (progress: SynthProgress) => void = () => undefined,
): Promise<SynthSummary> {
  const out = resolve(target.out);
  const exists = await stat(out).then(
    () => true,
    () => false,
  );
  if (exists && !target.force) throw new OutputExistsError(out);
  await mkdir(dirname(out), { recursive: true });
  const temp = await mkdtemp(`${out}.partial-`);
  try {
    const summary = await writeInto(temp, options, target.samplePersonsPerGroup ?? 500, onProgress);
    // mkdtemp makes the folder private; the output is meant to be shared like any other.
    await chmod(temp, 0o755);
    if (exists) await rm(out, { recursive: true, force: true });
    await rename(temp, out);
    return summary;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

class NdjsonFile {
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  bytes = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path);
  }

  async write(items: readonly unknown[]): Promise<void> {
    if (items.length === 0) return;
    const chunk = items.map((item) => JSON.stringify(item)).join('\n') + '\n';
    this.hash.update(chunk);
    this.bytes += Buffer.byteLength(chunk);
    // Respect back-pressure so memory stays at one block however large the run.
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<{ bytes: number; sha256: string }> {
    await new Promise<void>((resolveEnd, reject) => {
      this.stream.once('error', reject);
      this.stream.end(resolveEnd);
    });
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

async function writeInto(
  dir: string,
  options: SynthOptions,
  samplePersonsPerGroup: number,
  onProgress: (progress: SynthProgress) => void,
): Promise<SynthSummary> {
  await mkdir(join(dir, 'truth'));
  const files = Object.fromEntries(
    Object.entries(SYNTH_FILES).map(([key, path]) => [key, new NdjsonFile(join(dir, path))]),
  ) as Record<FileKey, NdjsonFile>;
  const counts: SynthSummary['counts'] = {
    persons: 0,
    travelEncounters: 0,
    travelEncountersWithFace: 0,
    seizureCases: 0,
    seizureSubjects: 0,
    seizureSubjectsWithFace: 0,
    seizureSubjectsWithPrints: 0,
    fingerprintEnrollments: 0,
    fingerprintEnrollmentsWithoutUsableBiometric: 0,
    relationships: {},
    coincidentalIdentifierUses: 0,
    twins: 0,
    lookalikes: 0,
    faceTemplates: 0,
    fingerTemplates: 0,
  };
  const distortions = new Map<string, number>();
  let personRecords = 0;
  const sampler = new SampleCollector(samplePersonsPerGroup);
  const blocks = blockCount(options);
  let fileSummary: SynthSummary['files'] = {};

  try {
    for (const block of generateBlocks(options)) {
      await files.travel.write(block.travel);
      await files.seizure.write(block.seizure);
      await files.fingerprint.write(block.fingerprint);
      await files.truthPersons.write(block.persons);
      await files.truthRecords.write(block.truthRecords);
      await files.truthRelationships.write([...block.relationships, ...block.coincidences]);

      counts.persons += block.persons.length;
      counts.travelEncounters += block.travel.length;
      counts.travelEncountersWithFace += block.travel.filter((r) => r.face).length;
      counts.seizureCases += block.seizure.length;
      for (const c of block.seizure) {
        counts.seizureSubjects += c.subjects.length;
        counts.seizureSubjectsWithFace += c.subjects.filter((s) => s.face).length;
        counts.seizureSubjectsWithPrints += c.subjects.filter((s) => s.fingerprints).length;
      }
      counts.fingerprintEnrollments += block.fingerprint.length;
      counts.fingerprintEnrollmentsWithoutUsableBiometric += block.fingerprint.filter(
        (r) => r.fingers.length === 0 && !r.face,
      ).length;
      for (const rel of block.relationships) {
        counts.relationships[rel.type] = (counts.relationships[rel.type] ?? 0) + 1;
      }
      counts.coincidentalIdentifierUses += block.coincidences.reduce(
        (n, c) => n + c.personIds.length,
        0,
      );
      for (const p of block.persons) {
        for (const l of p.biometricLookalikes) {
          if (l.kind === 'TWIN') counts.twins += 0.5;
          else counts.lookalikes += 0.5;
        }
      }
      for (const r of block.truthRecords) {
        personRecords += 1;
        for (const d of r.distortions) distortions.set(d, (distortions.get(d) ?? 0) + 1);
      }
      for (const sample of block.samples) {
        if (sample.face) counts.faceTemplates += 1;
        counts.fingerTemplates += sample.fingers?.size ?? 0;
      }
      sampler.offer(block.samples);
      onProgress({ blocksDone: block.index + 1, blocks, personsDone: counts.persons });
    }
  } finally {
    const written = await Promise.all(
      Object.entries(files).map(
        async ([key, file]) => [SYNTH_FILES[key as FileKey], await file.close()] as const,
      ),
    );
    fileSummary = Object.fromEntries(written.sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  const face = scoreSamples(sampler.samples, 'face', {
    impostorPairsPerGroup: 500_000,
    seed: options.seed,
  });
  const finger = scoreSamples(sampler.samples, 'finger', {
    impostorPairsPerGroup: 100_000,
    seed: options.seed,
  });
  const summary: SynthSummary = {
    generator: GENERATOR_VERSION,
    options,
    counts,
    distortionRates: Object.fromEntries(
      [...distortions.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([d, n]) => [d, round(n / Math.max(1, personRecords))]),
    ),
    scores: {
      face: { ...roundPoint(operatingPoint(face, TARGET_FMR)), samplePersonsPerGroup },
      finger: { ...roundPoint(operatingPoint(finger, TARGET_FMR)), samplePersonsPerGroup },
    },
    files: fileSummary,
  };
  await writeFile(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  await writeFile(join(dir, 'summary.svg'), await scoreChart(face, finger, summary));
  return summary;
}

/**
 * Keeps the captures of the first `perGroup` people of each group, per
 * modality, in generation order: a bounded, deterministic sample.
 */
class SampleCollector {
  readonly samples: CaptureSample[] = [];
  private readonly seen = {
    face: new Map<RegionGroup, Set<string>>(REGION_GROUPS.map((g) => [g, new Set<string>()])),
    finger: new Map<RegionGroup, Set<string>>(REGION_GROUPS.map((g) => [g, new Set<string>()])),
  };

  constructor(private readonly perGroup: number) {}

  offer(samples: readonly CaptureSample[]): void {
    for (const sample of samples) {
      const face = sample.face && this.admit('face', sample) ? sample.face : null;
      const fingers = sample.fingers && this.admit('finger', sample) ? sample.fingers : null;
      if (face || fingers) this.samples.push({ ...sample, face, fingers });
    }
  }

  private admit(modality: 'face' | 'finger', sample: CaptureSample): boolean {
    const persons = this.seen[modality].get(sample.group) as Set<string>;
    if (persons.has(sample.personId)) return true;
    if (persons.size >= this.perGroup) return false;
    persons.add(sample.personId);
    return true;
  }
}

async function scoreChart(
  face: ReturnType<typeof scoreSamples>,
  finger: ReturnType<typeof scoreSamples>,
  summary: SynthSummary,
): Promise<string> {
  const panels: HistogramPanel[] = [face, finger].map((set) => {
    const point = summary.scores[set.modality];
    const series =
      set.modality === 'face'
        ? [...set.impostor.entries()].map(([group, scores]) => ({
            label: `impostor ${group}`,
            ...histogram(scores),
          }))
        : [{ label: 'impostor (all groups)', ...histogram(pooledImpostors(set)) }];
    return {
      title: `${set.modality} (${point.genuinePairs} genuine, ${point.impostorPairs} impostor pairs)`,
      series: [{ label: 'genuine', ...histogram(set.genuine) }, ...series],
      // summary.json keeps "not measurable" (too few pairs) as null.
      markers:
        typeof point.threshold === 'number' && typeof point.fnmr === 'number'
          ? [{ label: `FMR 1e-4 → FNMR ${(point.fnmr * 100).toFixed(1)}%`, value: point.threshold }]
          : [],
    };
  });
  return renderHistogramPanels(panels, {
    title: `Synthetic templates, plain cosine: genuine vs impostor (seed ${summary.options.seed}, ${summary.counts.persons} persons)`,
  });
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function roundPoint(point: OperatingPoint): OperatingPoint {
  const rounded = JSON.parse(
    JSON.stringify(point, (_k, v: unknown) => (typeof v === 'number' ? round(v) : v)),
  );
  return rounded as OperatingPoint;
}
