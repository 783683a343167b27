import { Inject, Injectable } from '@nestjs/common';
import {
  PersonProfileRepository,
  PostgresRecordStore,
  RecordFeaturesCache,
  ThresholdSetRepository,
  VerificationRepository,
} from '@mosaic/identity-data';
import {
  IdentificationError,
  prepareRecord,
  probeHasModality,
  profileKey,
  rankIdentification,
  searchPositions,
  type BiometricComparison,
  type Modality,
  type ThresholdSet,
} from '@mosaic/resolution';
import { badUserInputError, notFoundError, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { countingLinks, recordRef, verificationOf } from '../person/person-views';
import {
  VerificationState,
  type MatchModality,
  type RecordSource,
  type Verification,
} from '../person/person.model';
import { CandidateIndexFactory } from '../resolution/candidate-index.factory';
import type { ModelProvider } from '../resolution/model.provider';
import { MODEL_PROVIDER } from '../resolution/resolution.tokens';
import type { Identification } from './identification.model';

/** The probe as the resolver validated it: a record key and a modality. */
export interface IdentifyCommand {
  source: RecordSource;
  recordId: string;
  modality: MatchModality;
  upstreamScore: number | null;
  limit: number;
}

/**
 * How old a gallery size may be. The gallery only grows, and a few seconds'
 * growth changes the probabilities by far less than their own uncertainty.
 */
const GALLERY_TTL_MS = 10_000;

/** Prior probability that a probe's person is enrolled at all (stated in every result). */
export const PRIOR_ENROLLED = 0.5;
/** Finger positions an identification searches: the probe's best few, as AFIS practice has it. */
const FINGER_SEARCH_POSITIONS = 4;

const NOTICE =
  'Not verified: these candidates are investigative leads ranked by calibrated probability, not an identification. ' +
  'No action may rest on them until two different reviewers have confirmed a candidate with corroborating non-biometric evidence.';

/**
 * Identification after an upstream match. The probe's capture is compared with
 * the candidate index's nearest records of that modality, and each person is
 * ranked by the calibrated probability that they are the probe's person
 * (rankIdentification). The probe's own record is never its own candidate.
 */
@Injectable()
export class IdentifyUseCase {
  private readonly cache = new RecordFeaturesCache(5_000);
  private readonly thresholds = new ThresholdSetRepository();
  private readonly verifications = new VerificationRepository();
  /** Gallery sizes by modality: a count over every record, refreshed at most every GALLERY_TTL_MS. */
  private readonly galleries = new Map<Modality, { size: number; at: number }>();

  constructor(
    @Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(MODEL_PROVIDER) private readonly models: ModelProvider,
    private readonly indexes: CandidateIndexFactory,
  ) {}

  async execute(command: IdentifyCommand): Promise<Identification> {
    const manager = this.dataSource.manager;
    const key = `${command.source}:${command.recordId}`;
    const modality = command.modality as Modality;
    const store = new PostgresRecordStore(manager, this.cache);
    const profiles = new PersonProfileRepository(manager);

    const probeFeatures = (await store.get([key])).get(key);
    if (!probeFeatures) throw notFoundError(`resolved ${command.source} record`, command.recordId);
    const [model, thresholds] = await Promise.all([
      this.models.current(manager),
      this.thresholds.active(manager),
    ]);
    if (!thresholds) throw notFoundError('active threshold set', 'active');
    const probe = prepareRecord(probeFeatures, model);
    if (!probeHasModality(probe, modality)) {
      const flags = probe.flags.length > 0 ? ` (${probe.flags.join(', ')})` : '';
      throw badUserInputError(
        'input.modality',
        `the probe record ${key} has no usable ${modality} capture${flags}`,
      );
    }
    const positions = modality === 'FINGER' ? searchPositions(probe, FINGER_SEARCH_POSITIONS) : [];
    const index = this.indexes.forTransaction(manager);
    const [found] = await index.search(
      [
        {
          key,
          face: modality === 'FACE' ? probe.face : null,
          fingers: positions.map((position) => ({
            position,
            template: probe.fingers[position] as Float32Array,
          })),
          blockingKeys: [],
        },
      ],
      { k: Math.max(3 * command.limit, 30), maxBlockSize: 1 },
    );
    const candidateKeys = (found?.candidates ?? []).map((c) => c.key);
    const [features, placements, gallerySize] = await Promise.all([
      store.get(candidateKeys),
      profiles.recordPlacements([...candidateKeys, key]),
      this.gallerySize(profiles, modality),
    ]);
    // A record whose link is under dispute is no evidence for its person until resolved.
    const personOf = (k: string): string | null => {
      const placement = placements.get(k);
      return placement && !placement.suspended ? placement.personId : null;
    };
    const probePerson = personOf(key);
    const candidates = candidateKeys.flatMap((k) => {
      const f = features.get(k);
      const personId = personOf(k);
      return f && personId ? [{ personId, record: prepareRecord(f, model) }] : [];
    });
    let ranked;
    try {
      ranked = rankIdentification(model, probe, candidates, {
        modality,
        gallerySize,
        priorEnrolled: PRIOR_ENROLLED,
        operatingPointLlr: (comparisons) => operatingPoint(thresholds, comparisons),
        limit: command.limit,
      });
    } catch (error) {
      if (error instanceof IdentificationError) {
        throw new GraphQLError(error.message, { extensions: { code: error.code } });
      }
      throw error;
    }
    const [requested, probeLinks] = await Promise.all([
      this.verifications.currentForIdentifications(
        manager,
        key,
        ranked.map((c) => c.personId),
      ),
      probePerson === null ? Promise.resolve([]) : profiles.links([probePerson]),
    ]);
    // Without a request about this identification, the probe's own person is as verified
    // as the links that tie the probe record to it.
    const probeVerification = bestVerification(
      countingLinks(probeLinks)
        .filter((l) => l.aKey === key || l.bKey === key)
        .map((l) => verificationOf(l.verification)),
    );
    const verificationFor = (personId: string): Verification => {
      const request = requested.get(personId);
      if (request) return verificationOf(request);
      return personId === probePerson ? probeVerification : unverified();
    };
    const quality =
      modality === 'FACE'
        ? (probeFeatures.record.face?.quality ?? 0)
        : Math.max(...positions.map((p) => probe.fingerQualities[p] as number));

    const result: Identification = {
      probe: {
        source: command.source,
        recordId: command.recordId,
        modality: command.modality,
        quality,
        fingerPositions: positions,
        upstreamScore: command.upstreamScore,
      },
      candidates: ranked.map((c) => {
        const verification = verificationFor(c.personId);
        return {
          rank: c.rank,
          person: { id: c.personId },
          probability: c.probability,
          llr: c.llr,
          modality: command.modality,
          probeQuality: quality,
          gallerySize,
          thresholdVersion: thresholds.version,
          atOperatingPoint: c.atOperatingPoint,
          comparedRecord: recordRef(c.recordKey),
          biometrics: c.comparisons.map((b) => ({
            modality: b.modality as MatchModality,
            position: b.position ?? null,
            score: b.score,
            llr: b.llr,
          })),
          verified: verification.state === VerificationState.VERIFIED,
          verification,
        };
      }),
      gallerySize,
      thresholdVersion: thresholds.version,
      modelVersion: model.version,
      priorEnrolled: PRIOR_ENROLLED,
      verified: false,
      notice: NOTICE,
    };
    result.verified = result.candidates.some((c) => c.verified);
    if (result.verified) {
      result.notice =
        'Verified: two different reviewers confirmed the candidate marked verified. The other candidates remain unverified leads.';
    }
    return result;
  }

  private async gallerySize(profiles: PersonProfileRepository, modality: Modality) {
    const cached = this.galleries.get(modality);
    if (cached && Date.now() - cached.at < GALLERY_TTL_MS) return cached.size;
    const size = await profiles.gallerySize(modality);
    this.galleries.set(modality, { size, at: Date.now() });
    return size;
  }
}

function unverified(): Verification {
  return verificationOf(null);
}

/** A record tied to its person by several links is as verified as its best-verified link. */
function bestVerification(list: Verification[]): Verification {
  const order = [
    VerificationState.VERIFIED,
    VerificationState.PENDING,
    VerificationState.UNVERIFIED,
    VerificationState.REJECTED,
  ];
  return (
    [...list].sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state))[0] ?? unverified()
  );
}

/** The biometric LLR the threshold set asks of this evidence on its own (matcher operating point). */
function operatingPoint(
  thresholds: ThresholdSet,
  comparisons: readonly BiometricComparison[],
): number | null {
  const fingers = comparisons.filter((c) => c.modality === 'FINGER').length;
  const face = comparisons.some((c) => c.modality === 'FACE');
  return thresholds.profiles[profileKey({ face, fingers })]?.biometric ?? null;
}
