// Search explanations as highlights: the parts of a recorded value that the
// query's words match (folded: case and diacritics aside).

export interface Segment {
  text: string;
  hit: boolean;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** `value` cut into segments, hits where a word of `query` (two letters or more) occurs. */
export function highlightSegments(value: string, query: string): Segment[] {
  const words = [...new Set(fold(query).split(/[^\p{L}\p{N}]+/u))].filter((w) => w.length >= 2);
  const folded = fold(value);
  // Folding can change length (ß, ligatures): highlight only when it does not.
  if (words.length === 0 || folded.length !== value.length) return [{ text: value, hit: false }];
  const marks = new Array<boolean>(value.length).fill(false);
  for (const word of words) {
    for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + 1)) {
      for (let i = at; i < at + word.length; i++) marks[i] = true;
    }
  }
  const segments: Segment[] = [];
  for (let i = 0; i < value.length; i++) {
    const hit = marks[i] ?? false;
    const last = segments[segments.length - 1];
    if (last && last.hit === hit) last.text += value[i];
    else segments.push({ text: value[i] ?? '', hit });
  }
  return segments;
}
