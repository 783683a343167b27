import type { GraphQLError } from 'graphql';
import { cleanText } from '../free-text';
import { citedEvidence, MAX_EVIDENCE_ITEMS } from '../verification-evidence';

const refusal = (run: () => unknown): GraphQLError['extensions'] => {
  try {
    run();
  } catch (error) {
    return (error as GraphQLError).extensions;
  }
  throw new Error('expected a refusal');
};

describe('citedEvidence', () => {
  it('keeps what a confirmation cites, trimmed, when one item is not biometric', () => {
    expect(
      citedEvidence('CONFIRM', [
        { kind: 'FACE_COMPARISON', reference: ' examiner sheet 4 ' },
        { kind: 'TRAVEL_DOCUMENT', reference: 'P<PRT 123', note: 'seen\nat the desk' },
      ]),
    ).toEqual([
      { kind: 'FACE_COMPARISON', reference: 'examiner sheet 4', note: null },
      { kind: 'TRAVEL_DOCUMENT', reference: 'P<PRT 123', note: 'seen\nat the desk' },
    ]);
  });

  it('refuses a confirmation citing nothing, or only biometric comparisons, with EVIDENCE_REQUIRED naming the field', () => {
    expect(refusal(() => citedEvidence('CONFIRM', []))).toMatchObject({
      code: 'EVIDENCE_REQUIRED',
      issues: [{ field: 'input.evidence', reason: expect.stringMatching(/non-biometric/) }],
    });
    expect(
      refusal(() =>
        citedEvidence('CONFIRM', [
          { kind: 'FACE_COMPARISON', reference: 'sheet 1' },
          { kind: 'FINGERPRINT_COMPARISON', reference: 'sheet 2' },
        ]),
      ),
    ).toMatchObject({
      code: 'EVIDENCE_REQUIRED',
      issues: [{ field: 'input.evidence', reason: expect.stringMatching(/cannot corroborate/) }],
    });
  });

  it('lets a rejection rest on a biometric comparison, but not on nothing', () => {
    expect(citedEvidence('REJECT', [{ kind: 'FACE_COMPARISON', reference: 'sheet 9' }])).toEqual([
      { kind: 'FACE_COMPARISON', reference: 'sheet 9', note: null },
    ]);
    expect(refusal(() => citedEvidence('REJECT', []))).toMatchObject({
      code: 'EVIDENCE_REQUIRED',
    });
  });

  it.each([
    ['an empty reference', { reference: '   ' }, 'input.evidence[0].reference'],
    [
      'a reference of 201 characters',
      { reference: 'x'.repeat(201) },
      'input.evidence[0].reference',
    ],
    ['a line break in a reference', { reference: 'CF-1\nCF-2' }, 'input.evidence[0].reference'],
    ['a NUL in a reference', { reference: 'CF-1\u0000' }, 'input.evidence[0].reference'],
    ['a right-to-left override', { reference: 'CF-\u202E1-FC' }, 'input.evidence[0].reference'],
    ['a lone surrogate', { reference: 'CF-\uD800' }, 'input.evidence[0].reference'],
    ['an escape sequence in a note', { note: 'ok\u001b[31m' }, 'input.evidence[0].note'],
    ['a note of 1,001 characters', { note: 'n'.repeat(1_001) }, 'input.evidence[0].note'],
  ])('refuses %s with BAD_USER_INPUT naming the item', (_, item, field) => {
    expect(
      refusal(() => citedEvidence('CONFIRM', [{ kind: 'CASE_FILE', reference: 'CF-1', ...item }])),
    ).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ field }] });
  });

  it('refuses an unknown kind and too many items', () => {
    expect(
      refusal(() =>
        citedEvidence('CONFIRM', [{ kind: 'HUNCH' as 'CASE_FILE', reference: 'gut feeling' }]),
      ),
    ).toMatchObject({ issues: [{ field: 'input.evidence[0].kind' }] });
    expect(
      refusal(() =>
        citedEvidence(
          'CONFIRM',
          Array.from({ length: MAX_EVIDENCE_ITEMS + 1 }, (_, i) => ({
            kind: 'CASE_FILE' as const,
            reference: `CF-${i}`,
          })),
        ),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ field: 'input.evidence' }] });
  });
});

describe('cleanText', () => {
  it('keeps hostile text as data: quotes, markup and statements are just characters', () => {
    const hostile = `Robert'); DROP TABLE dispute; -- <script>alert(1)</script> {{7*7}}`;
    expect(cleanText(hostile, 'input.reason', { max: 2_000 })).toBe(hostile);
    expect(cleanText('Ñandú – 名前', 'input.reason', { max: 10 })).toBe('Ñandú – 名前');
  });

  it('counts characters, not UTF-16 units, against the limit', () => {
    expect(cleanText('😀'.repeat(5), 'f', { max: 5 })).toBe('😀'.repeat(5));
    expect(refusal(() => cleanText('😀'.repeat(6), 'f', { max: 5 }))).toMatchObject({
      issues: [{ field: 'f', reason: expect.stringMatching(/at most 5/) }],
    });
  });

  it('allows line breaks and tabs only in multi-line text', () => {
    expect(cleanText('a\r\n\tb', 'f', { max: 10, multiline: true })).toBe('a\r\n\tb');
    expect(refusal(() => cleanText('a\nb', 'f', { max: 10 }))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(refusal(() => cleanText('a\u200Bb', 'f', { max: 10, multiline: true }))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});
