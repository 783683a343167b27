import type { PersonLinkRow, PersonRecordRow } from '@mosaic/identity-data';
import {
  personAttributes,
  type AttributedRecord,
  type AttributeValue as DomainValue,
  type Modality,
} from '@mosaic/resolution';
import {
  MatchModality,
  RecordSource,
  VerificationState,
  type AttributeValue,
  type DocumentValue,
  type MatchDecision,
  type NameValue,
  type PersonAttributes,
  type PersonRecord,
  type RecordRef,
  type Verification,
} from './person.model';

/** Confirmations by different reviewers a link or identification needs (DESIGN.md, control 3). */
export const REQUIRED_CONFIRMATIONS = 2;

const sourceOf = (s: string): RecordSource => s as RecordSource;

export function recordRef(key: string): RecordRef {
  const at = key.indexOf(':');
  return { source: sourceOf(key.slice(0, at)), recordId: key.slice(at + 1) };
}

/** Modalities that tie each record to the person: the biometric evidence of the links touching it. */
function linkingModalities(links: readonly PersonLinkRow[]): Map<string, Set<Modality>> {
  const byRecord = new Map<string, Set<Modality>>();
  for (const link of links) {
    for (const b of link.decision?.biometrics ?? []) {
      if (b.llr <= 0) continue;
      for (const key of [link.aKey, link.bKey]) {
        const set = byRecord.get(key) ?? new Set<Modality>();
        set.add(b.modality);
        byRecord.set(key, set);
      }
    }
  }
  return byRecord;
}

function attributeValue(v: DomainValue<unknown>): AttributeValue {
  return {
    value: v.value,
    support: {
      records: v.support.records,
      sources: v.support.sources.map(sourceOf),
      modalities: v.support.modalities as MatchModality[],
    },
    provenance: v.provenance.map((p) => ({
      source: sourceOf(p.source),
      recordIds: p.recordIds,
      firstSeen: new Date(p.firstSeen),
      lastSeen: new Date(p.lastSeen),
    })),
  };
}

export function attributesView(
  records: readonly PersonRecordRow[],
  links: readonly PersonLinkRow[],
): PersonAttributes {
  const modalities = linkingModalities(links);
  const attributed: AttributedRecord[] = records.map((r) => ({
    record: r.biographic,
    linkedBy: [...(modalities.get(r.key) ?? [])],
  }));
  const a = personAttributes(attributed);
  return {
    names: a.names.map((v): NameValue => ({
      ...attributeValue(v),
      givenNames: v.detail.givenNames,
      surname: v.detail.surname,
    })),
    datesOfBirth: a.datesOfBirth.map(attributeValue),
    sexes: a.sexes.map(attributeValue),
    nationalities: a.nationalities.map(attributeValue),
    documents: a.documents.map((v): DocumentValue => ({ ...attributeValue(v), ...v.detail })),
    phones: a.phones.map(attributeValue),
    addresses: a.addresses.map(attributeValue),
    vehicles: a.vehicles.map(attributeValue),
  };
}

export function recordView(r: PersonRecordRow): PersonRecord {
  return {
    source: sourceOf(r.source),
    recordId: r.recordId,
    observedAt: r.observedAt,
    resolvedAt: r.resolvedAt,
    captures: [
      ...(r.faceQuality !== null ? [MatchModality.FACE] : []),
      ...(r.hasFingers ? [MatchModality.FINGER] : []),
    ],
    flags: r.flags,
  };
}

/**
 * Verification of a link from its review: an automatic link has had no
 * reviewer; reviewer decisions count as confirmations only when they say
 * CONFIRM, and only from different people.
 */
export function verificationOf(review: PersonLinkRow['review']): Verification {
  if (review === null) {
    return {
      state: VerificationState.UNVERIFIED,
      confirmations: 0,
      required: REQUIRED_CONFIRMATIONS,
      confirmedBy: [],
    };
  }
  const confirmedBy: string[] = [];
  const decisions: [string | null, string | null][] = [
    [review.firstReviewer, review.firstDecision],
    [review.secondReviewer, review.secondDecision],
  ];
  let rejected = review.state === 'REJECTED';
  for (const [reviewer, decision] of decisions) {
    if (reviewer === null || decision === null) continue;
    if (decision === 'REJECT') rejected = true;
    if (decision === 'CONFIRM' && !confirmedBy.includes(reviewer)) confirmedBy.push(reviewer);
  }
  const state = rejected
    ? VerificationState.REJECTED
    : confirmedBy.length >= REQUIRED_CONFIRMATIONS
      ? VerificationState.VERIFIED
      : confirmedBy.length === 1
        ? VerificationState.ONE_CONFIRMATION
        : VerificationState.UNVERIFIED;
  return {
    state,
    confirmations: confirmedBy.length,
    required: REQUIRED_CONFIRMATIONS,
    confirmedBy,
  };
}

export function matchDecisionView(link: PersonLinkRow): MatchDecision {
  const d = link.decision;
  return {
    id: d?.id ?? null,
    records: [recordRef(link.aKey), recordRef(link.bKey)],
    linkedBy: link.reason,
    linkedAt: link.linkedAt,
    outcome: d?.outcome ?? null,
    llr: d?.llr ?? null,
    biometricLlr: d?.biometricLlr ?? null,
    probability: d?.probability ?? null,
    profile: d?.profile ?? null,
    thresholds: d?.thresholds ?? null,
    contributions: d?.contributions ?? [],
    biometrics: (d?.biometrics ?? []).map((b) => ({
      modality: b.modality as MatchModality,
      position: b.position ?? null,
      score: b.score,
      llr: b.llr,
    })),
    flags: d?.flags ?? [],
    modelVersion: d?.modelVersion ?? null,
    thresholdVersion: d?.thresholdVersion ?? null,
    verification: verificationOf(link.review),
  };
}
