import type { EvidenceKind } from '../gql/graphql';

/** Evidence kinds as a reviewer reads them; biometric ones cannot carry a confirmation alone. */
export const EVIDENCE_KINDS: readonly { kind: EvidenceKind; label: string; biometric: boolean }[] =
  [
    { kind: 'TRAVEL_DOCUMENT', label: 'Travel or identity document examined', biometric: false },
    { kind: 'TRAVEL_HISTORY', label: 'Travel records consistent with the match', biometric: false },
    { kind: 'CASE_FILE', label: 'Case file or report', biometric: false },
    { kind: 'INTERVIEW', label: 'Interview with the person', biometric: false },
    { kind: 'OTHER_NON_BIOMETRIC', label: 'Other non-biometric (say what)', biometric: false },
    { kind: 'FACE_COMPARISON', label: 'Face comparison (biometric)', biometric: true },
    {
      kind: 'FINGERPRINT_COMPARISON',
      label: 'Fingerprint comparison (biometric)',
      biometric: true,
    },
  ];

export interface EvidenceRow {
  kind: EvidenceKind;
  reference: string;
  note: string;
}

export const emptyEvidence = (kind: EvidenceKind = 'TRAVEL_DOCUMENT'): EvidenceRow => ({
  kind,
  reference: '',
  note: '',
});

export interface EvidenceRules {
  /** A verdict that joins records (CONFIRM, LINK) must cite a non-biometric item. */
  nonBiometric: boolean;
  /** Some verdicts must cite something, whatever it is. */
  atLeastOne: boolean;
}

/**
 * Why the evidence would be refused before it is sent, or null. The identity
 * service checks the same rules; saying so here spares a round trip, it does
 * not replace the service's check.
 */
export function evidenceProblem(rows: readonly EvidenceRow[], rules: EvidenceRules): string | null {
  if (rows.some((r) => r.reference.trim() === '' && r.note.trim() !== '')) {
    return 'Every evidence item needs a reference: where the evidence is.';
  }
  const cited = rows.filter((r) => r.reference.trim() !== '');
  if (rules.nonBiometric) {
    const nonBiometric = cited.filter(
      (r) => !EVIDENCE_KINDS.find((k) => k.kind === r.kind)?.biometric,
    );
    if (nonBiometric.length === 0) {
      return 'Joining records must cite at least one non-biometric item: biometric scores alone do not count.';
    }
  }
  if (rules.atLeastOne && cited.length === 0) {
    return 'Cite at least one evidence item: where what you relied on can be found.';
  }
  return null;
}

/** The rows with a reference, as the mutations take them. */
export function citedEvidence(rows: readonly EvidenceRow[]) {
  return rows
    .filter((r) => r.reference.trim() !== '')
    .map((r) => ({
      kind: r.kind,
      reference: r.reference.trim(),
      ...(r.note.trim() ? { note: r.note.trim() } : {}),
    }));
}

/** Evidence items, each with its kind, where it is and an optional note; more can be added. */
export function EvidenceFields({
  idPrefix,
  rows,
  onChange,
}: {
  idPrefix: string;
  rows: readonly EvidenceRow[];
  onChange: (rows: EvidenceRow[]) => void;
}) {
  const update = (i: number, patch: Partial<EvidenceRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <>
      {rows.map((row, i) => (
        <fieldset key={i} className="evidence-row">
          <legend>Evidence {i + 1}</legend>
          <label htmlFor={`${idPrefix}-kind-${i}`}>Kind</label>
          <select
            id={`${idPrefix}-kind-${i}`}
            value={row.kind}
            onChange={(e) => update(i, { kind: e.target.value as EvidenceKind })}
          >
            {EVIDENCE_KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
          <label htmlFor={`${idPrefix}-reference-${i}`}>Reference (where the evidence is)</label>
          <input
            id={`${idPrefix}-reference-${i}`}
            value={row.reference}
            maxLength={200}
            onChange={(e) => update(i, { reference: e.target.value })}
          />
          <label htmlFor={`${idPrefix}-note-${i}`}>Note (optional)</label>
          <input
            id={`${idPrefix}-note-${i}`}
            value={row.note}
            maxLength={1000}
            onChange={(e) => update(i, { note: e.target.value })}
          />
        </fieldset>
      ))}
      <button type="button" onClick={() => onChange([...rows, emptyEvidence('CASE_FILE')])}>
        Add evidence
      </button>
    </>
  );
}
