import type { VerificationRequestRow } from '@mosaic/identity-data';
import { recordRef, verificationOf } from '../person/person-views';
import type { EvidenceKindName } from './verification-evidence';
import {
  VerificationDecision,
  VerificationTarget,
  type VerificationRequest,
} from './verification.model';

export function verificationRequestView(
  request: VerificationRequestRow,
  recordKeys: readonly string[],
): VerificationRequest {
  return {
    id: request.id,
    target: request.target as VerificationTarget,
    decisionId: request.decisionId,
    records: recordKeys.map(recordRef),
    person: request.personId === null ? null : { id: request.personId },
    requestedBy: request.requestedBy,
    purpose: request.purpose,
    caseNumber: request.caseNumber,
    note: request.note,
    requestedAt: request.requestedAt,
    closedAt: request.closedAt,
    verification: verificationOf(request),
    reviews: request.reviews.map((r) => ({
      reviewer: r.reviewer,
      decision: r.decision as VerificationDecision,
      evidence: r.evidence.map((e) => ({
        kind: e.kind as EvidenceKindName,
        reference: e.reference,
        note: e.note,
      })),
      purpose: r.purpose,
      caseNumber: r.caseNumber,
      reviewedAt: r.reviewedAt,
    })),
  };
}
