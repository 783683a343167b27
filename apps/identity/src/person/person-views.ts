import type {
  AttributeDisputeMark,
  PersonLinkRow,
  PersonRecordRow,
  VerificationRequestRow,
} from '@mosaic/identity-data';
import {
  personAttributes,
  type AttributedRecord,
  type AttributeValue as DomainValue,
  type Modality,
} from '@mosaic/resolution';
import {
  DisputeState,
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

/**
 * The records that speak for the person: a record whose link is under an
 * open dispute is left out of its profile until the dispute is resolved.
 */
export function countingRecords(records: readonly PersonRecordRow[]): PersonRecordRow[] {
  return records.filter((r) => !r.suspended);
}

/** The links that hold the person together: none touching a record under dispute. */
export function countingLinks(links: readonly PersonLinkRow[]): PersonLinkRow[] {
  return links.filter((l) => !l.suspended);
}

/** The attribute kinds a dispute can name, and where each one's values are in PersonAttributes. */
export const ATTRIBUTE_FIELDS = {
  NAME: 'names',
  DATE_OF_BIRTH: 'datesOfBirth',
  SEX: 'sexes',
  NATIONALITY: 'nationalities',
  DOCUMENT: 'documents',
  PHONE: 'phones',
  ADDRESS: 'addresses',
  VEHICLE: 'vehicles',
} as const satisfies Record<string, keyof PersonAttributes>;
export type AttributeKindName = keyof typeof ATTRIBUTE_FIELDS;

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

function attributeValue(
  v: DomainValue<unknown>,
  mark: AttributeDisputeMark | undefined,
): AttributeValue {
  return {
    value: v.value,
    disputed: mark !== undefined,
    disputeState: mark ? (mark.state as DisputeState) : null,
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

/**
 * What the person's records say, value by value. Pass the counting records
 * and links only (see countingRecords): a record under dispute says nothing.
 * `disputes` marks the values a dispute contests (an open one wins over an
 * upheld one).
 */
export function attributesView(
  records: readonly PersonRecordRow[],
  links: readonly PersonLinkRow[],
  disputes: readonly AttributeDisputeMark[] = [],
): PersonAttributes {
  const modalities = linkingModalities(links);
  const attributed: AttributedRecord[] = records.map((r) => ({
    record: r.biographic,
    linkedBy: [...(modalities.get(r.key) ?? [])],
  }));
  const a = personAttributes(attributed);
  const marks = new Map<string, AttributeDisputeMark>();
  for (const d of disputes) {
    const id = `${d.kind}\u0000${d.value}`;
    if (!marks.has(id) || d.state === 'OPEN') marks.set(id, d);
  }
  const of =
    (kind: AttributeKindName) =>
    (v: DomainValue<unknown>): AttributeValue =>
      attributeValue(v, marks.get(`${kind}\u0000${v.value}`));
  return {
    names: a.names.map((v): NameValue => ({
      ...of('NAME')(v),
      givenNames: v.detail.givenNames,
      surname: v.detail.surname,
    })),
    datesOfBirth: a.datesOfBirth.map(of('DATE_OF_BIRTH')),
    sexes: a.sexes.map(of('SEX')),
    nationalities: a.nationalities.map(of('NATIONALITY')),
    documents: a.documents.map((v): DocumentValue => ({ ...of('DOCUMENT')(v), ...v.detail })),
    phones: a.phones.map(of('PHONE')),
    addresses: a.addresses.map(of('ADDRESS')),
    vehicles: a.vehicles.map(of('VEHICLE')),
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
 * The verification state of a link or identification from the request that
 * speaks for it now (null: nobody asked). Only confirmations by different
 * reviewers count; the request's own state says when it is settled.
 */
export function verificationOf(request: VerificationRequestRow | null): Verification {
  if (request === null) {
    return {
      state: VerificationState.UNVERIFIED,
      confirmations: 0,
      required: REQUIRED_CONFIRMATIONS,
      confirmedBy: [],
      rejectedBy: [],
      requestId: null,
      requestedBy: null,
    };
  }
  const confirmedBy = [
    ...new Set(request.reviews.filter((r) => r.decision === 'CONFIRM').map((r) => r.reviewer)),
  ];
  const rejectedBy = [
    ...new Set(request.reviews.filter((r) => r.decision === 'REJECT').map((r) => r.reviewer)),
  ];
  const state =
    request.state === 'VERIFIED'
      ? VerificationState.VERIFIED
      : request.state === 'REJECTED'
        ? VerificationState.REJECTED
        : VerificationState.PENDING;
  return {
    state,
    confirmations: confirmedBy.length,
    required: REQUIRED_CONFIRMATIONS,
    confirmedBy,
    rejectedBy,
    requestId: request.id,
    requestedBy: request.requestedBy,
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
    verification: verificationOf(link.verification),
  };
}
