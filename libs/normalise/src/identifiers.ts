import { foldText } from './fold-text';

const NOT_ALPHANUMERIC = /[^A-Z0-9]/g;
const NOT_DIGIT = /\D/g;

/** A document number as upper-case alphanumerics: `123-456-7890` and `1234567890` are one number. */
export function foldDocumentNumber(value: string): string {
  return value.toUpperCase().replace(NOT_ALPHANUMERIC, '');
}

// Characters a reader or a clerk confuses (O/0, I/1, S/5, B/8, Z/2), mapped to
// one of each pair so a misread number still meets its original in a block.
const CONFUSABLE: Readonly<Record<string, string>> = { O: '0', I: '1', S: '5', B: '8', Z: '2' };
const CONFUSABLE_CHARACTER = /[OISBZ]/g;

export function confusableFold(folded: string): string {
  return folded.replace(CONFUSABLE_CHARACTER, (ch) => CONFUSABLE[ch] as string);
}

/**
 * A phone number as `+<country code><number>` when it was written
 * internationally (`+…` or the `00` prefix), otherwise its bare digits: without
 * the country a national number cannot be placed, and guessing one from the
 * person's nationality would invent agreements. Null when no digits remain.
 */
export function normalisePhone(value: string): string | null {
  const trimmed = value.trim();
  const digits = trimmed.replace(NOT_DIGIT, '');
  if (digits.length === 0) return null;
  if (trimmed.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('00') && digits.length > 4) return `+${digits.slice(2)}`;
  return digits;
}

export function foldAddress(value: string): string | null {
  const folded = foldText(value);
  return folded === '' ? null : folded;
}
