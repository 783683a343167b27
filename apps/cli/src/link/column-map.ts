import { LinkInputError } from './link-errors';

/** What a column of the input can stand for, in the order `--help` lists them. */
export const MAP_TARGETS = [
  'id',
  'given_name',
  'surname',
  'full_name',
  'dob',
  'sex',
  'nationality',
  'document',
  'phone',
  'address',
] as const;
export type MapTarget = (typeof MAP_TARGETS)[number];

// Files often spread a name or a person's identifiers over several columns
// (first + middle name, phone_home + phone_mobile); these targets may be
// mapped more than once. The rest hold one value per person.
const MULTI_COLUMN: ReadonlySet<MapTarget> = new Set<MapTarget>([
  'given_name',
  'surname',
  'document',
  'phone',
  'address',
]);

/** Target → the header names mapped to it, in the order given. */
export type ColumnMap = ReadonlyMap<MapTarget, readonly string[]>;

/** Target → the positions of its columns in each row. */
export type BoundColumns = ReadonlyMap<MapTarget, readonly number[]>;

const isTarget = (value: string): value is MapTarget =>
  (MAP_TARGETS as readonly string[]).includes(value);

/**
 * Reads `--map` values (each `target=column,target=column`, the option may be
 * repeated). Column names are taken verbatim after trimming; the first `=`
 * separates target from column, so a column name may contain `=` but not `,`.
 */
export function parseColumnMap(specs: readonly string[]): ColumnMap {
  const map = new Map<MapTarget, string[]>();
  for (const spec of specs) {
    for (const item of spec.split(',')) {
      if (item.trim() === '') continue;
      const eq = item.indexOf('=');
      const target = eq < 0 ? '' : item.slice(0, eq).trim();
      const column = eq < 0 ? '' : item.slice(eq + 1).trim();
      if (target === '' || column === '') {
        throw new LinkInputError(
          'BAD_MAP',
          `--map expects target=column pairs separated by commas (e.g. given_name=First,dob=Birth), got "${item.trim()}"`,
        );
      }
      if (!isTarget(target)) {
        throw new LinkInputError(
          'UNKNOWN_MAP_TARGET',
          `--map: unknown target "${target}" in "${item.trim()}"; targets are ${MAP_TARGETS.join(', ')}`,
        );
      }
      const columns = map.get(target) ?? [];
      if (columns.length > 0 && !MULTI_COLUMN.has(target)) {
        throw new LinkInputError(
          'BAD_MAP',
          `--map: ${target} is mapped twice ("${columns[0]}" and "${column}"); only ${[...MULTI_COLUMN].join(', ')} may take several columns`,
        );
      }
      columns.push(column);
      map.set(target, columns);
    }
  }
  if (map.has('full_name') && (map.has('given_name') || map.has('surname'))) {
    throw new LinkInputError(
      'BAD_MAP',
      '--map: full_name is an alternative to given_name and surname; map one or the other',
    );
  }
  if ([...map.keys()].every((target) => target === 'id')) {
    throw new LinkInputError(
      'BAD_MAP',
      `--map names no field to link on; map at least one of ${MAP_TARGETS.filter((t) => t !== 'id').join(', ')}`,
    );
  }
  return map;
}

/** Finds each mapped column in the header; a missing or ambiguous one is an error naming it. */
export function bindColumns(map: ColumnMap, header: readonly string[], file: string): BoundColumns {
  const bound = new Map<MapTarget, number[]>();
  const listed =
    header.length <= 30
      ? header.map((h) => `"${h}"`).join(', ')
      : `${header
          .slice(0, 30)
          .map((h) => `"${h}"`)
          .join(', ')} and ${header.length - 30} more`;
  for (const [target, columns] of map) {
    bound.set(
      target,
      columns.map((column) => {
        const index = header.indexOf(column);
        if (index < 0) {
          throw new LinkInputError(
            'MISSING_COLUMN',
            `--map ${target}=${column}: no column "${column}" in the header of ${file} (columns: ${listed})`,
          );
        }
        if (header.indexOf(column, index + 1) >= 0) {
          throw new LinkInputError(
            'AMBIGUOUS_COLUMN',
            `--map ${target}=${column}: the header of ${file} has two columns named "${column}"`,
          );
        }
        return index;
      }),
    );
  }
  return bound;
}
