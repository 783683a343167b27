// Synthetic data → resolution records and ground truth, for the evaluation and
// its tests. Records go through the same payload mappings the identity
// service applies to source events.
import {
  recordFromFingerprintEnrollment,
  recordFromSeizureSubject,
  recordFromTravelEncounter,
  recordKey,
  trainResolutionModel,
  type LabelledScores,
  type ResolutionModel,
  type ResolutionRecord,
} from '@mosaic/resolution';
import {
  cosine,
  generateBlocks,
  resolveSynthOptions,
  Rng,
  scoreSamples,
  type CaptureSample,
  type SynthBlock,
  type SynthOptions,
} from '@mosaic/synth';

/** Captures under these qualities are not compared (the record is flagged instead). */
export const DEFAULT_QUALITY_FLOOR = { face: 0.2, finger: 0.2 };

export interface GroundTruth {
  /** Record key → true person id. */
  personOf: Map<string, string>;
  /** True person id → demographic group. */
  groupOf: Map<string, string>;
  /** True person id → persons made to look like them (twins, lookalikes): the known hard impostors. */
  lookalikes: Map<string, { personId: string; kind: 'TWIN' | 'LOOKALIKE' }[]>;
}

export function emptyTruth(): GroundTruth {
  return { personOf: new Map(), groupOf: new Map(), lookalikes: new Map() };
}

/** The resolution records of one block, in the order the sources would publish them. */
export function blockRecords(block: SynthBlock, truth: GroundTruth): ResolutionRecord[] {
  for (const person of block.persons) {
    truth.groupOf.set(person.personId, person.group);
    if (person.biometricLookalikes.length > 0) {
      truth.lookalikes.set(person.personId, person.biometricLookalikes);
    }
  }
  for (const t of block.truthRecords)
    truth.personOf.set(recordKey(t.source, t.recordId), t.personId);
  const records: ResolutionRecord[] = [];
  for (const r of block.travel) records.push(recordFromTravelEncounter(r));
  for (const c of block.seizure) {
    for (const s of c.subjects)
      records.push(recordFromSeizureSubject({ ...s, openedAt: c.openedAt }));
  }
  for (const e of block.fingerprint) records.push(recordFromFingerprintEnrollment(e));
  return records;
}

export function* syntheticRecords(
  options: SynthOptions,
  truth: GroundTruth,
): Generator<{ block: number; records: ResolutionRecord[] }> {
  for (const block of generateBlocks(options)) {
    yield { block: block.index, records: blockRecords(block, truth) };
  }
}

/**
 * Labelled biometric scores from a separate synthetic population (its own
 * seed): the stand-in for the vendor evaluation set a real deployment would
 * calibrate on. Face scores are whole-template cosines; finger scores are per
 * position, since the resolver fuses positions itself.
 */
export function calibrationScores(
  options: SynthOptions,
  impostorPairs = 200_000,
): { face: LabelledScores; finger: LabelledScores } {
  const samples: CaptureSample[] = [];
  for (const block of generateBlocks(options)) samples.push(...block.samples);
  const faceSet = scoreSamples(samples, 'face', {
    impostorPairsPerGroup: Math.ceil(impostorPairs / 7),
    seed: options.seed,
  });
  const faceImpostor: number[] = [];
  for (const scores of faceSet.impostor.values()) faceImpostor.push(...scores);
  const fingerImpostorByGroup = new Map<string, number[]>();

  const withFingers = samples.filter((s) => s.fingers !== null && s.fingers.size > 0);
  const byPerson = new Map<string, CaptureSample[]>();
  for (const s of withFingers) {
    const list = byPerson.get(s.personId) ?? [];
    list.push(s);
    byPerson.set(s.personId, list);
  }
  const genuine: number[] = [];
  for (const captures of byPerson.values()) {
    for (let i = 0; i < captures.length; i++) {
      for (let j = i + 1; j < captures.length; j++) {
        const a = (captures[i] as CaptureSample).fingers as Map<number, Float32Array>;
        const b = (captures[j] as CaptureSample).fingers as Map<number, Float32Array>;
        for (const [position, va] of a) {
          const vb = b.get(position);
          if (vb) genuine.push(cosine(va, vb));
        }
      }
    }
  }
  const impostor: number[] = [];
  const rng = new Rng(options.seed ^ 0x5eed);
  for (let k = 0; k < impostorPairs && withFingers.length > 1; k++) {
    const a = withFingers[rng.int(withFingers.length)] as CaptureSample;
    const b = withFingers[rng.int(withFingers.length)] as CaptureSample;
    if (a.personId === b.personId || a.related.includes(b.personId)) continue;
    const fa = a.fingers as Map<number, Float32Array>;
    const fb = b.fingers as Map<number, Float32Array>;
    const position = 1 + rng.int(10);
    const va = fa.get(position as never);
    const vb = fb.get(position as never);
    if (!va || !vb) continue;
    const score = cosine(va, vb);
    impostor.push(score);
    const list = fingerImpostorByGroup.get(a.group) ?? [];
    list.push(score);
    fingerImpostorByGroup.set(a.group, list);
  }
  return {
    face: {
      genuine: faceSet.genuine,
      impostor: Float64Array.from(faceImpostor),
      impostorByGroup: faceSet.impostor,
    },
    finger: {
      genuine: Float64Array.from(genuine),
      impostor: Float64Array.from(impostor),
      impostorByGroup: fingerImpostorByGroup,
    },
  };
}

/**
 * Trains a resolution model on unlabelled records, with the biometric
 * calibration taken from a separate synthetic population (the stand-in for a
 * matcher vendor's labelled evaluation set).
 */
export function trainWithSyntheticCalibration(
  records: readonly ResolutionRecord[],
  options: { seed: number; calibration: { persons: number; seed: number; impostorPairs?: number } },
): ResolutionModel {
  const calibration = calibrationScores(
    resolveSynthOptions({ persons: options.calibration.persons, seed: options.calibration.seed }),
    options.calibration.impostorPairs,
  );
  return trainResolutionModel({
    records,
    face: calibration.face,
    finger: calibration.finger,
    qualityFloor: DEFAULT_QUALITY_FLOOR,
    seed: options.seed,
  });
}

/**
 * A resolution model trained on synthetic data alone: biometric calibration
 * from one synthetic population, term frequencies and EM from another. It is
 * what the identity service starts with when its database holds no model
 * (embedded demo, first boot); the evaluation trains on the data it
 * evaluates instead.
 */
export function syntheticBootstrapModel(options: {
  seed: number;
  persons?: number;
  impostorPairs?: number;
}): ResolutionModel {
  const persons = options.persons ?? 3_000;
  const truth = emptyTruth();
  const records: ResolutionRecord[] = [];
  for (const block of syntheticRecords(
    resolveSynthOptions({ persons, seed: options.seed }),
    truth,
  )) {
    records.push(...block.records);
  }
  return trainWithSyntheticCalibration(records, {
    seed: options.seed,
    calibration: { persons, seed: options.seed + 1, impostorPairs: options.impostorPairs },
  });
}
