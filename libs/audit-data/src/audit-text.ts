const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;

/**
 * Text as PostgreSQL will store it and give it back: no NUL (text cannot hold
 * one), no lone surrogate (UTF-8 cannot), at most `max` characters. Without
 * this, a hostile operation name would either break the append (and with it
 * the response) or come back different from what was hashed.
 */
export function storableText(value: string, max: number, marker = ''): string {
  const clipped = value.length > max ? value.slice(0, max - marker.length) + marker : value;
  return clipped.replace(NUL, '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');
}

export function storableOrNull(value: string | null, max: number, marker = ''): string | null {
  return value === null ? null : storableText(value, max, marker);
}

/** A set of values as one stable list: each stored as text, duplicates dropped, sorted. */
export function storableSet(values: Iterable<string>, max: number): string[] {
  return [...new Set([...values].map((v) => storableText(v, max)))].sort();
}
