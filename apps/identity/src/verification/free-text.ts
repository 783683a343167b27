import { badUserInputError } from '@mosaic/service-kit';

// Control characters, and the invisible format characters that can make text
// read differently than it is stored (bidirectional overrides, zero-width ones).
const INVISIBLE = '\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF';
const FORBIDDEN = new RegExp(`[\\p{Cc}${INVISIBLE}]`, 'u');
const LINE_BREAKS = /\r\n|\r|\n|\t/g;
// A UTF-16 surrogate without its other half: not a character, and not storable as text.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface TextRule {
  max: number;
  /** Line breaks and tabs allowed (free-form notes and reasons). */
  multiline?: boolean;
}

/**
 * A person's free text (a reason, a note, an evidence reference) as stored:
 * trimmed, not empty, at most `max` characters, well-formed Unicode, without
 * control or invisible formatting characters. Anything else is a
 * BAD_USER_INPUT naming `field`. The text is stored as data and never
 * interpreted, whatever it says.
 */
export function cleanText(value: string, field: string, rule: TextRule): string {
  if (LONE_SURROGATE.test(value)) {
    throw badUserInputError(field, 'must be well-formed Unicode text');
  }
  const text = value.trim();
  if (text === '') throw badUserInputError(field, 'must not be empty');
  if ([...text].length > rule.max) {
    throw badUserInputError(field, `must be at most ${rule.max} characters`);
  }
  if (FORBIDDEN.test(rule.multiline ? text.replace(LINE_BREAKS, ' ') : text)) {
    throw badUserInputError(
      field,
      rule.multiline
        ? 'must not contain control or invisible formatting characters (line breaks and tabs are fine)'
        : 'must be one line without control or invisible formatting characters',
    );
  }
  return text;
}

/** As cleanText, for optional text: null, undefined or blank is no text. */
export function optionalText(
  value: string | null | undefined,
  field: string,
  rule: TextRule,
): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return cleanText(value, field, rule);
}
