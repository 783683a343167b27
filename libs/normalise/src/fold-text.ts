/**
 * Text folding shared by names and addresses: one spelling per string whatever
 * the keyboard, the character set or the clerk's habits were.
 */

// Letters that Unicode does not decompose into a base letter plus a mark, so
// NFKD alone would leave them (or drop them) instead of giving their usual
// Latin spelling.
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'SS',
  ẞ: 'SS',
  Ø: 'O',
  ø: 'O',
  Ł: 'L',
  ł: 'L',
  Æ: 'AE',
  æ: 'AE',
  Œ: 'OE',
  œ: 'OE',
  Đ: 'D',
  đ: 'D',
  Ð: 'D',
  ð: 'D',
  Þ: 'TH',
  þ: 'TH',
  ı: 'I',
  Ħ: 'H',
  ħ: 'H',
  Ŧ: 'T',
  ŧ: 'T',
  Ŋ: 'NG',
  ŋ: 'NG',
  ĸ: 'K',
};
const SPECIAL_LETTER = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join('')}]`, 'g');
const COMBINING_MARKS = /\p{M}/gu;
// An apostrophe joins (O'Brien → OBRIEN, Sa'ad → SAAD); other punctuation separates.
const APOSTROPHES = /['\u2018\u2019\u02BC\u02BB\u0060\u00B4]/g;
const NOT_UPPER_LETTER = /[^A-Z]+/g;
const NOT_UPPER_ALPHANUMERIC = /[^A-Z0-9]+/g;

function toBaseUpper(value: string): string {
  return value
    .replace(APOSTROPHES, '')
    .replace(SPECIAL_LETTER, (ch) => SPECIAL_LETTERS[ch] as string)
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toUpperCase();
}

/**
 * Upper-case ASCII letter tokens of a name. Anything that is not a Latin letter
 * after folding separates tokens, so a name in another script yields no tokens
 * (it is then compared as missing, never as a disagreement): romanising it is
 * the source adapter's job.
 */
export function nameTokens(value: string | null): string[] {
  if (!value) return [];
  const folded = toBaseUpper(value).replace(NOT_UPPER_LETTER, ' ').trim();
  return folded === '' ? [] : folded.split(' ');
}

/** Upper-case ASCII letters and digits, single-spaced: for addresses and other free text. */
export function foldText(value: string): string {
  return toBaseUpper(value).replace(NOT_UPPER_ALPHANUMERIC, ' ').trim();
}
