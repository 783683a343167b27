// Captures every JSON log line the process writes (all services of an
// embedded stack log through @mosaic/service-kit's one root logger) and
// scans them for personal values a test used.
import { setLogDestination, setLogLevel } from '@mosaic/service-kit';

export interface LogCapture {
  /** Every line written since start(), as written. */
  readonly lines: string[];
  /** Stops capturing and puts the previous destination and level back. */
  stop(): void;
}

/** Starts capturing every log line of the process at `level` (default trace: everything). */
export function captureLogs(level = 'trace'): LogCapture {
  const lines: string[] = [];
  const restore = setLogDestination({ write: (line: string) => void lines.push(line) });
  setLogLevel(level);
  return {
    lines,
    stop: () => {
      restore();
      setLogLevel(process.env['LOG_LEVEL'] ?? 'info');
    },
  };
}

export interface PersonalDataHit {
  value: string;
  line: string;
}

/** A value as it might be written: as given, lower-cased, and without spaces or punctuation. */
function forms(value: string): string[] {
  const lower = value.toLowerCase();
  const compact = lower.replace(/[\s\-./+()]/g, '');
  return [...new Set([lower, compact])].filter((f) => f.length >= 4);
}

/**
 * Every log line that holds one of `values` (names, document numbers,
 * phones, addresses), compared case-insensitively, also with spaces and
 * punctuation dropped (a document number or phone normalised before logging
 * is still found). Values shorter than 4 characters are not scanned for: they
 * would match ordinary words.
 */
export function findPersonalData(
  lines: readonly string[],
  values: Iterable<string>,
): PersonalDataHit[] {
  const needles = [...new Set(values)].flatMap((value) =>
    forms(value).map((form) => ({ value, form })),
  );
  const hits: PersonalDataHit[] = [];
  for (const line of lines) {
    const lower = line.toLowerCase();
    const compact = lower.replace(/[\s\-./+()]/g, '');
    for (const { value, form } of needles) {
      if (lower.includes(form) || compact.includes(form)) {
        hits.push({ value, line: line.length > 400 ? `${line.slice(0, 400)}…` : line });
        break;
      }
    }
  }
  return hits;
}
