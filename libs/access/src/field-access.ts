import { AccessError } from './access-error';
import type { AccessContext } from './principal';
import { PURPOSE_ROLES, ROLES, type Role } from './roles';

/** Who may read (or, on Mutation, call) a field. An empty list: nobody. */
export interface FieldRule {
  roles: readonly Role[];
}

/** Personal data: every field about a person, their records, search hits and graph nodes. */
const PERSONAL_DATA: FieldRule = { roles: ['ANALYST', 'OFFICER', 'REVIEWER', 'SUPERVISOR'] };
/** Link analysis around a subject (the hop rule on top is `requireDeepLinkAnalysis`). */
const LINK_ANALYSIS: FieldRule = { roles: ['ANALYST', 'REVIEWER', 'SUPERVISOR'] };
/** Case narratives and seized-item details. */
const SUPERVISOR_ONLY: FieldRule = { roles: ['SUPERVISOR'] };
/** Writing source records. */
const SOURCE_WRITE: FieldRule = { roles: ['OFFICER', 'ADMIN'] };
const OVERSIGHT_ONLY: FieldRule = { roles: ['OVERSIGHT'] };
/**
 * A dispute as its filer sees it: OVERSIGHT may file one and follow it, but
 * the person and values it is about stay personal data (field rules below).
 */
const DISPUTES: FieldRule = {
  roles: ['ANALYST', 'OFFICER', 'REVIEWER', 'SUPERVISOR', 'OVERSIGHT'],
};
/** The review queue: REVIEWER and SUPERVISOR work it (personal data, as verification is). */
const REVIEW_WORK: FieldRule = { roles: ['REVIEWER', 'SUPERVISOR'] };
/** Federation plumbing: any verified caller; the entities it returns are checked field by field. */
const ANY_ROLE: FieldRule = { roles: ROLES };

/**
 * The role × field matrix, the one place that says who reads what
 * (DESIGN.md "Accountability controls" 5). A field's own rule wins over its
 * type's default; a field with neither is refused (fail closed), and
 * tools/__tests__/field-access.spec.ts keeps every field of every subgraph
 * schema classified. Query and Mutation have no default: each operation is
 * listed. Raw biometric templates are exposed by no schema, so no rule names them.
 */
export const FIELD_ACCESS: {
  readonly types: Readonly<Record<string, FieldRule>>;
  readonly fields: Readonly<Record<string, FieldRule>>;
} = {
  types: {
    // travel
    TravelDocument: PERSONAL_DATA,
    RecordedTraveler: PERSONAL_DATA,
    TravelBookingContact: PERSONAL_DATA,
    TravelFaceCapture: PERSONAL_DATA,
    TravelEncounter: PERSONAL_DATA,
    TravelEncountersByDocument: PERSONAL_DATA,
    RecordTravelEncounterResult: SOURCE_WRITE,
    // seizure
    SeizureEvent: PERSONAL_DATA,
    SeizureItem: SUPERVISOR_ONLY,
    SeizureCase: PERSONAL_DATA,
    SeizureDocument: PERSONAL_DATA,
    SeizureSubjectIdentifiers: PERSONAL_DATA,
    SeizureFaceCapture: PERSONAL_DATA,
    SeizureFingerCapture: PERSONAL_DATA,
    SeizureSubject: PERSONAL_DATA,
    SeizureSubjectsByDocumentResult: PERSONAL_DATA,
    RecordSeizureCaseResult: SOURCE_WRITE,
    // fingerprint
    FingerprintSubject: PERSONAL_DATA,
    FingerprintFingerCapture: PERSONAL_DATA,
    FingerprintMissingFinger: PERSONAL_DATA,
    FingerprintFaceCapture: PERSONAL_DATA,
    FingerprintEnrollment: PERSONAL_DATA,
    RecordFingerprintEnrollmentResult: SOURCE_WRITE,
    // identity
    AttributeProvenance: PERSONAL_DATA,
    AttributeSupport: PERSONAL_DATA,
    AttestedValue: PERSONAL_DATA,
    AttributeValue: PERSONAL_DATA,
    NameValue: PERSONAL_DATA,
    DocumentValue: PERSONAL_DATA,
    PersonAttributes: PERSONAL_DATA,
    PersonRecord: PERSONAL_DATA,
    RecordRef: PERSONAL_DATA,
    DecisionContribution: PERSONAL_DATA,
    BiometricScore: PERSONAL_DATA,
    DecisionThresholds: PERSONAL_DATA,
    Verification: PERSONAL_DATA,
    MatchDecision: PERSONAL_DATA,
    PersonLineage: PERSONAL_DATA,
    Person: PERSONAL_DATA,
    PersonVerification: PERSONAL_DATA,
    IdentificationProbe: PERSONAL_DATA,
    IdentificationCandidate: PERSONAL_DATA,
    Identification: PERSONAL_DATA,
    // analysis
    EvidenceRecord: PERSONAL_DATA,
    EdgeEvidence: PERSONAL_DATA,
    Edge: PERSONAL_DATA,
    NeighbourNode: PERSONAL_DATA,
    SkippedHub: PERSONAL_DATA,
    Neighbourhood: PERSONAL_DATA,
    GraphPath: PERSONAL_DATA,
    PathsResult: PERSONAL_DATA,
    PersonSearchMatch: PERSONAL_DATA,
    PersonSearchHit: PERSONAL_DATA,
    PersonSearchResult: PERSONAL_DATA,
    // verification and disputes (identity)
    VerificationRequest: PERSONAL_DATA,
    PendingVerificationPage: { roles: ['REVIEWER', 'SUPERVISOR'] },
    VerificationReview: PERSONAL_DATA,
    VerificationEvidence: PERSONAL_DATA,
    Dispute: DISPUTES,
    DisputedAttribute: PERSONAL_DATA,
    // the review queue (identity): pairs of records and who decided them
    ReviewItem: REVIEW_WORK,
    ReviewPriority: REVIEW_WORK,
    ReviewLease: REVIEW_WORK,
    ReviewVerdict: REVIEW_WORK,
    ReviewComparison: REVIEW_WORK,
    ComparedRecord: REVIEW_WORK,
    ComparedField: REVIEW_WORK,
    FingerQuality: REVIEW_WORK,
    ReviewItemEdge: REVIEW_WORK,
    ReviewQueuePage: REVIEW_WORK,
    ReviewerOversight: OVERSIGHT_ONLY,
    ReviewerFigures: OVERSIGHT_ONLY,
    // audit (served by the gateway)
    AuditEntry: OVERSIGHT_ONLY,
    AuditEntryPage: OVERSIGHT_ONLY,
    AuditVerification: OVERSIGHT_ONLY,
    AuditChainProblem: OVERSIGHT_ONLY,
    // federation
    _Service: ANY_ROLE,
  },
  fields: {
    'SeizureCase.narrative': SUPERVISOR_ONLY,
    'SeizureCase.items': SUPERVISOR_ONLY,
    'Person.neighbors': LINK_ANALYSIS,
    'Person.paths': LINK_ANALYSIS,
    'Person.coTravelers': LINK_ANALYSIS,
    'Dispute.person': PERSONAL_DATA,
    'Dispute.record': PERSONAL_DATA,
    'Dispute.attribute': PERSONAL_DATA,
    'Dispute.separatedInto': PERSONAL_DATA,

    'Query._service': ANY_ROLE,
    'Query._entities': ANY_ROLE,
    'Query.travelEncounter': PERSONAL_DATA,
    'Query.travelEncountersByDocument': PERSONAL_DATA,
    'Query.seizureCase': PERSONAL_DATA,
    'Query.seizureCaseByNumber': PERSONAL_DATA,
    'Query.seizureSubject': PERSONAL_DATA,
    'Query.seizureSubjectsByDocument': PERSONAL_DATA,
    'Query.fingerprintEnrollment': PERSONAL_DATA,
    'Query.fingerprintEnrollmentByEnrollmentId': PERSONAL_DATA,
    'Query.person': PERSONAL_DATA,
    'Query.personByRecord': PERSONAL_DATA,
    'Query.identify': PERSONAL_DATA,
    'Query.searchPersons': PERSONAL_DATA,
    'Query.auditEntries': OVERSIGHT_ONLY,
    'Query.auditVerification': OVERSIGHT_ONLY,
    'Query.pendingVerifications': { roles: ['REVIEWER', 'SUPERVISOR'] },
    'Query.reviewQueue': REVIEW_WORK,
    'Query.reviewItem': REVIEW_WORK,
    'Query.reviewerOversight': OVERSIGHT_ONLY,

    'Mutation.recordTravelEncounter': SOURCE_WRITE,
    'Mutation.recordSeizureCase': SOURCE_WRITE,
    'Mutation.recordFingerprintEnrollment': SOURCE_WRITE,
    'Mutation.requestVerification': PERSONAL_DATA,
    'Mutation.confirmVerification': { roles: ['REVIEWER', 'SUPERVISOR'] },
    'Mutation.fileDispute': {
      roles: ['ANALYST', 'OFFICER', 'REVIEWER', 'SUPERVISOR', 'OVERSIGHT'],
    },
    'Mutation.resolveDispute': SUPERVISOR_ONLY,
    'Mutation.claimReviewItem': REVIEW_WORK,
    'Mutation.releaseReviewItem': REVIEW_WORK,
    'Mutation.decideReviewItem': REVIEW_WORK,
    'Mutation.settleReviewItem': SUPERVISOR_ONLY,
  },
};

/** The rule for `typeName.fieldName`, or null when the matrix does not classify it. */
export function fieldRule(typeName: string, fieldName: string): FieldRule | null {
  return FIELD_ACCESS.fields[`${typeName}.${fieldName}`] ?? FIELD_ACCESS.types[typeName] ?? null;
}

/**
 * The roles a caller acts with under the declared purpose: a token holding
 * ANALYST and OVERSIGHT reads no personal data while auditing.
 */
export function effectiveRoles(access: Pick<AccessContext, 'roles' | 'purpose'>): Role[] {
  const open = PURPOSE_ROLES[access.purpose];
  return access.roles.filter((role) => open.includes(role));
}

/** Null when the caller may read `typeName.fieldName`, else a FORBIDDEN naming the field. */
export function checkField(
  access: Pick<AccessContext, 'roles' | 'purpose'>,
  typeName: string,
  fieldName: string,
): AccessError | null {
  const field = `${typeName}.${fieldName}`;
  const rule = fieldRule(typeName, fieldName);
  if (rule === null) {
    return new AccessError(
      'FORBIDDEN',
      `${field} has no access rule, so nobody may read it`,
      field,
    );
  }
  const roles = effectiveRoles(access);
  if (roles.some((role) => rule.roles.includes(role))) return null;
  const who = rule.roles.length === 0 ? 'nobody' : rule.roles.join(', ');
  return new AccessError(
    'FORBIDDEN',
    `${field} is open to ${who}; ${roles.length === 0 ? 'no role' : roles.join(', ')} under ${access.purpose} may not read it`,
    field,
  );
}

/**
 * Link analysis beyond one hop (neighbours at hops > 1, paths between
 * people) maps a network rather than a subject: only for CASE_INVESTIGATION.
 * Throws FORBIDDEN naming `field` otherwise.
 */
export function requireDeepLinkAnalysis(
  access: Pick<AccessContext, 'purpose'> | null,
  field: string,
): void {
  if (access?.purpose === 'CASE_INVESTIGATION') return;
  throw new AccessError(
    'FORBIDDEN',
    `${field} beyond one hop needs purpose CASE_INVESTIGATION${access ? ` (not ${access.purpose})` : ''}`,
    field,
  );
}
