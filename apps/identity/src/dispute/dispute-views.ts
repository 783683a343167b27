import type { DisputeRow } from '@mosaic/identity-data';
import { recordRef, type AttributeKindName } from '../person/person-views';
import { DisputeState } from '../person/person.model';
import { DisputeTarget, type Dispute } from './dispute.model';

export function disputeView(row: DisputeRow): Dispute {
  return {
    id: row.id,
    target: row.target as DisputeTarget,
    state: row.state as DisputeState,
    person: { id: row.personId },
    record: row.recordKey === null ? null : recordRef(row.recordKey),
    attribute:
      row.attributeKind === null || row.attributeValue === null
        ? null
        : { kind: row.attributeKind as AttributeKindName, value: row.attributeValue },
    reason: row.reason,
    filedBy: row.filedBy,
    purpose: row.filedPurpose,
    caseNumber: row.filedCase,
    filedAt: row.filedAt,
    resolvedBy: row.resolvedBy,
    resolutionNote: row.resolutionNote,
    resolvedAt: row.resolvedAt,
    separatedInto: row.separatedInto === null ? null : { id: row.separatedInto },
  };
}
