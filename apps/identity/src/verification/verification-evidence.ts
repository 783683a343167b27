import type { CitedEvidence } from '@mosaic/identity-data';
import { badUserInputError } from '@mosaic/service-kit';
import { evidenceRequiredError } from './accountability-errors';
import { cleanText, optionalText } from './free-text';

/** What a reviewer may cite. Biometric comparisons are listed so that citing one alone can be refused by name. */
export const EVIDENCE_KINDS = [
  'TRAVEL_DOCUMENT',
  'TRAVEL_HISTORY',
  'CASE_FILE',
  'INTERVIEW',
  'OTHER_NON_BIOMETRIC',
  'FACE_COMPARISON',
  'FINGERPRINT_COMPARISON',
] as const;
export type EvidenceKindName = (typeof EVIDENCE_KINDS)[number];

/**
 * Evidence that repeats what the biometric match already said: another look
 * at the same faces or fingers cannot corroborate it.
 */
export const BIOMETRIC_EVIDENCE: ReadonlySet<EvidenceKindName> = new Set([
  'FACE_COMPARISON',
  'FINGERPRINT_COMPARISON',
]);

export const MAX_EVIDENCE_ITEMS = 20;
export const MAX_REFERENCE_LENGTH = 200;
export const MAX_EVIDENCE_NOTE_LENGTH = 1_000;

export interface EvidenceInput {
  kind: EvidenceKindName;
  reference: string;
  note?: string | null;
}

/**
 * The evidence a reviewer's verdict cites, as stored. Every verdict cites at
 * least one item; a confirmation must cite at least one that is not
 * biometric (DESIGN.md "Accountability controls" 3): EVIDENCE_REQUIRED naming
 * `field` otherwise. A malformed item is BAD_USER_INPUT naming it.
 */
export function citedEvidence(
  decision: 'CONFIRM' | 'REJECT',
  items: readonly EvidenceInput[],
  field = 'input.evidence',
): CitedEvidence[] {
  if (items.length > MAX_EVIDENCE_ITEMS) {
    throw badUserInputError(field, `cite at most ${MAX_EVIDENCE_ITEMS} items`);
  }
  const cited = items.map((item, i): CitedEvidence => {
    if (!(EVIDENCE_KINDS as readonly string[]).includes(item.kind)) {
      throw badUserInputError(`${field}[${i}].kind`, `must be one of ${EVIDENCE_KINDS.join(', ')}`);
    }
    return {
      kind: item.kind,
      reference: cleanText(item.reference, `${field}[${i}].reference`, {
        max: MAX_REFERENCE_LENGTH,
      }),
      note: optionalText(item.note, `${field}[${i}].note`, {
        max: MAX_EVIDENCE_NOTE_LENGTH,
        multiline: true,
      }),
    };
  });
  if (cited.length === 0) {
    throw evidenceRequiredError(
      field,
      decision === 'CONFIRM'
        ? 'a confirmation must cite at least one piece of corroborating non-biometric evidence (e.g. TRAVEL_DOCUMENT, CASE_FILE, INTERVIEW)'
        : 'a rejection must cite the evidence it rests on',
    );
  }
  if (
    decision === 'CONFIRM' &&
    cited.every((e) => BIOMETRIC_EVIDENCE.has(e.kind as EvidenceKindName))
  ) {
    throw evidenceRequiredError(
      field,
      `biometric comparisons (${[...BIOMETRIC_EVIDENCE].join(', ')}) cannot corroborate a biometric match; cite at least one non-biometric item`,
    );
  }
  return cited;
}
