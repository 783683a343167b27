import type { ReviewItemRow, ReviewQueueRow } from '@mosaic/identity-data';
import { recordRef } from '../person/person-views';
import { MatchModality, RecordSource, type PersonRecord } from '../person/person.model';
import type { EvidenceKindName } from '../verification/verification-evidence';
import type { ComparedRecordRow, ReviewComparisonRow } from './review-queue.service';
import {
  ReviewDecision,
  ReviewItemState,
  ReviewStage,
  type ComparedRecord,
  type ReviewComparison,
  type ReviewItem,
  type ReviewPriority,
} from './review.model';

/** A review item as served, keeping its row for the fields resolved from it (comparison). */
export type ReviewItemView = ReviewItem & { row: ReviewItemRow };

function priorityView(row: ReviewQueueRow, asOf: Date): ReviewPriority {
  const p = row.priority;
  return {
    score: p.score,
    personSizes: row.aPerson === row.bPerson ? [p.aSize] : [p.aSize, p.bSize],
    probability: p.probability,
    llr: p.llr,
    operatingPoint: p.operatingPoint,
    distanceToOperatingPoint: Math.abs(p.llr - p.operatingPoint),
    ageHours: (asOf.getTime() - row.createdAt.getTime()) / 3_600_000,
    officerWaiting: p.officerWaiting,
    profile: p.profile,
  };
}

export function reviewItemView(
  row: ReviewItemRow | ReviewQueueRow,
  now: Date,
  asOf: Date | null = null,
): ReviewItemView {
  const live = row.claimedBy !== null && row.claimedUntil !== null && row.claimedUntil > now;
  return {
    row,
    id: row.id,
    state: row.state as ReviewItemState,
    records: [recordRef(row.aKey), recordRef(row.bKey)],
    persons: [...new Set([row.aPerson, row.bPerson].filter((p): p is string => p !== null))].map(
      (id) => ({ id }),
    ),
    createdAt: row.createdAt,
    lease: live
      ? { claimedBy: row.claimedBy as string, expiresAt: row.claimedUntil as Date }
      : null,
    verdicts: row.verdicts.map((v) => ({
      reviewer: v.reviewer,
      stage: v.stage as ReviewStage,
      decision: v.decision as ReviewDecision,
      evidence: v.evidence.map((e) => ({
        kind: e.kind as EvidenceKindName,
        reference: e.reference,
        note: e.note,
      })),
      note: v.note,
      purpose: v.purpose,
      caseNumber: v.caseNumber,
      decidedAt: v.decidedAt,
    })),
    escalatedAt: row.escalatedAt,
    settledBy: row.settledBy,
    closedAt: row.closedAt,
    reason: row.reason,
    closedByItem: row.closedByItem,
    priority: 'priority' in row && asOf ? priorityView(row, asOf) : null,
  };
}

function comparedRecordView(r: ComparedRecordRow): ComparedRecord {
  const record: PersonRecord = {
    source: r.biographic.source as RecordSource,
    recordId: r.biographic.recordId,
    observedAt: r.observedAt,
    resolvedAt: r.resolvedAt,
    captures: [
      ...(r.faceQuality !== null ? [MatchModality.FACE] : []),
      ...(r.fingers.length > 0 ? [MatchModality.FINGER] : []),
    ],
    flags: r.flags,
  };
  return {
    record,
    person: r.personId === null ? null : { id: r.personId },
    faceQuality: r.faceQuality,
    fingerQualities: r.fingers,
    otherRecords: r.otherRecords.map((o) => ({
      source: o.source as RecordSource,
      recordId: o.recordId,
      observedAt: o.observedAt,
      resolvedAt: o.resolvedAt,
      captures: [
        ...(o.faceQuality !== null ? [MatchModality.FACE] : []),
        ...(o.hasFingers ? [MatchModality.FINGER] : []),
      ],
      flags: o.flags,
    })),
  };
}

export function comparisonView(c: ReviewComparisonRow): ReviewComparison {
  const d = c.decision;
  return {
    left: c.left ? comparedRecordView(c.left) : null,
    right: c.right ? comparedRecordView(c.right) : null,
    fields: c.fields,
    waterfall: d.contributions,
    biometrics: d.biometrics.map((b) => ({
      modality: b.modality as MatchModality,
      position: b.position ?? null,
      score: b.score,
      llr: b.llr,
    })),
    heldBecause: c.heldBecause,
    probability: d.probability,
    llr: d.llr,
    biometricLlr: d.biometricLlr,
    profile: d.profile,
    thresholds: d.thresholds,
    modelVersion: d.modelVersion,
    thresholdVersion: d.thresholdVersion,
    flags: d.flags,
  };
}
