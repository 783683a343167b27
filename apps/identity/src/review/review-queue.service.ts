import { Inject, Injectable } from '@nestjs/common';
import {
  PersonProfileRepository,
  ReviewRepository,
  unpackFingers,
  type LinkDecisionEntity,
  type PersonRecordRow,
  type ReviewItemRow,
  type ReviewQueueRow,
  type ReviewState,
  type StoredBiographic,
} from '@mosaic/identity-data';
import { badUserInputError, notFoundError, SERVICE_DATA_SOURCE } from '@mosaic/service-kit';
import type { DataSource } from 'typeorm';
import { requireRole, type Actor } from '../verification/acting-user';
import { REVIEW_CLOCK, type ReviewClock } from './review-clock';
import { COMPARABLE_FIELDS, fieldValues, heldBecause, REVIEWER_ROLES } from './review-rules';

export const MAX_QUEUE_PAGE = 100;

export interface ReviewQueueFilterCommand {
  states: readonly ReviewState[];
  profile: string | null;
  officerWaiting: boolean | null;
  /** Only items the caller may claim now. */
  claimableOnly: boolean;
}

export interface ReviewQueuePage {
  rows: ReviewQueueRow[];
  cursors: string[];
  hasNextPage: boolean;
  asOf: Date;
}

interface Cursor {
  rank: number;
  id: string;
  asOf: Date;
}

/** An opaque queue cursor: the last item's rank and id, and the moment the page was scored at. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(
    JSON.stringify({ r: cursor.rank, i: cursor.id, t: cursor.asOf.toISOString() }),
  ).toString('base64url');
}

export function decodeCursor(text: string, field = 'after'): Cursor {
  try {
    const raw = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const asOf = new Date(String(raw['t']));
    if (
      typeof raw['r'] === 'number' &&
      Number.isFinite(raw['r']) &&
      typeof raw['i'] === 'string' &&
      /^[0-9a-f-]{36}$/.test(raw['i']) &&
      !Number.isNaN(asOf.getTime())
    ) {
      return { rank: raw['r'], id: raw['i'], asOf };
    }
  } catch {
    // falls through to the typed refusal
  }
  throw badUserInputError(field, 'is not a cursor this queue gave out (use endCursor as it is)');
}

/** One of the two records side by side: what it says, its captures, and its person's other records. */
export interface ComparedRecordRow {
  key: string;
  personId: string | null;
  biographic: StoredBiographic;
  observedAt: Date;
  resolvedAt: Date;
  flags: string[];
  faceQuality: number | null;
  fingers: { position: number; quality: number }[];
  otherRecords: PersonRecordRow[];
}

export interface ReviewComparisonRow {
  decision: Pick<
    LinkDecisionEntity,
    | 'llr'
    | 'biometricLlr'
    | 'probability'
    | 'profile'
    | 'thresholds'
    | 'contributions'
    | 'biometrics'
    | 'flags'
    | 'modelVersion'
    | 'thresholdVersion'
  >;
  heldBecause: string[];
  fields: { field: string; level: string; weight: number; left: string[]; right: string[] }[];
  left: ComparedRecordRow | null;
  right: ComparedRecordRow | null;
}

/** Reads of the review queue: pages of it, items, and the comparison a reviewer works from. */
@Injectable()
export class ReviewQueueService {
  private readonly items = new ReviewRepository();

  constructor(
    @Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(REVIEW_CLOCK) private readonly clock: ReviewClock,
  ) {}

  async page(
    actor: Actor,
    filter: ReviewQueueFilterCommand,
    first: number,
    after: string | null,
  ): Promise<ReviewQueuePage> {
    requireRole(actor, REVIEWER_ROLES, 'Query.reviewQueue');
    if (!Number.isInteger(first) || first < 1 || first > MAX_QUEUE_PAGE) {
      throw badUserInputError('first', `must be a whole number from 1 to ${MAX_QUEUE_PAGE}`);
    }
    const cursor = after === null ? null : decodeCursor(after);
    const asOf = cursor?.asOf ?? this.clock();
    await this.items.refreshRanks(this.dataSource.manager);
    const rows = await this.items.queue(this.dataSource.manager, {
      states: filter.states,
      profile: filter.profile,
      officerWaiting: filter.officerWaiting,
      claimableBy: filter.claimableOnly ? actor.user : null,
      asOf,
      after: cursor,
      limit: first + 1,
    });
    const page = rows.slice(0, first);
    return {
      rows: page,
      cursors: page.map((r) => encodeCursor({ rank: r.priority.rank, id: r.id, asOf })),
      hasNextPage: rows.length > first,
      asOf,
    };
  }

  async item(actor: Actor, id: string): Promise<ReviewItemRow> {
    requireRole(actor, REVIEWER_ROLES, 'Query.reviewItem');
    const [row] = await this.items.items(this.dataSource.manager, [id]);
    if (!row) throw notFoundError('review item', id);
    return row;
  }

  /**
   * Everything a reviewer compares: both records with every compared field
   * and its level, the waterfall, the biometric scores and capture quality,
   * each person's other records, and why the pair was held from auto-linking.
   */
  async comparison(item: ReviewItemRow): Promise<ReviewComparisonRow> {
    const manager = this.dataSource.manager;
    const [decision] = (await manager.query(
      `SELECT llr, biometric_llr, probability, profile, thresholds, contributions, biometrics, flags,
              model_version, threshold_version
         FROM link_decision WHERE id = $1`,
      [item.id],
    )) as Record<string, unknown>[];
    if (!decision) throw notFoundError('link decision', item.id);
    const records = (await manager.query(
      `SELECT key, person_id, biographic, observed_at, resolved_at, flags, face_quality, fingers
         FROM identity_record WHERE key = ANY($1::text[])`,
      [[item.aKey, item.bKey]],
    )) as Record<string, unknown>[];
    const personIds = [item.aPerson, item.bPerson].filter((p): p is string => p !== null);
    const personRecords = await new PersonProfileRepository(manager).records([
      ...new Set(personIds),
    ]);
    const compared = (key: string): ComparedRecordRow | null => {
      const r = records.find((x) => x['key'] === key);
      if (!r) return null;
      const personId = r['person_id'] as string;
      const fingers = r['fingers'] as Uint8Array | null;
      return {
        key,
        personId,
        biographic: (typeof r['biographic'] === 'string'
          ? JSON.parse(r['biographic'])
          : r['biographic']) as StoredBiographic,
        observedAt: new Date(String(r['observed_at'])),
        resolvedAt: new Date(String(r['resolved_at'])),
        flags: (r['flags'] as string[]) ?? [],
        faceQuality: r['face_quality'] === null ? null : Number(r['face_quality']),
        fingers: unpackFingers(key, fingers).map((f) => ({
          position: f.position,
          quality: f.quality,
        })),
        otherRecords: personRecords.filter(
          (p) => p.personId === personId && p.key !== item.aKey && p.key !== item.bKey,
        ),
      };
    };
    const left = compared(item.aKey);
    const right = compared(item.bKey);
    const stored = {
      llr: Number(decision['llr']),
      biometricLlr: Number(decision['biometric_llr']),
      probability: Number(decision['probability']),
      profile: decision['profile'] as string,
      thresholds: decision['thresholds'] as ReviewComparisonRow['decision']['thresholds'],
      contributions: decision['contributions'] as ReviewComparisonRow['decision']['contributions'],
      biometrics: decision['biometrics'] as ReviewComparisonRow['decision']['biometrics'],
      flags: (decision['flags'] as string[]) ?? [],
      modelVersion: decision['model_version'] as string,
      thresholdVersion: decision['threshold_version'] as string,
    };
    const biographic = new Map(
      stored.contributions.filter((c) => c.kind === 'BIOGRAPHIC').map((c) => [c.name, c]),
    );
    const fields = [...new Set([...COMPARABLE_FIELDS, ...biographic.keys()])].map((field) => {
      const c = biographic.get(field);
      return {
        field,
        level: c?.detail ?? 'NOT_COMPARED',
        weight: c?.weight ?? 0,
        left: left ? fieldValues(field, left.biographic) : [],
        right: right ? fieldValues(field, right.biographic) : [],
      };
    });
    return { decision: stored, heldBecause: heldBecause(stored), fields, left, right };
  }
}
