import { loaderFor, type SubgraphContext } from '@mosaic/service-kit';
import type {
  DisputeRow,
  LineageRow,
  PersonLinkRow,
  PersonRecordRow,
  PersonRow,
} from '@mosaic/identity-data';
import DataLoader from 'dataloader';
import type { PersonService } from './person.service';

/** Groups rows by person, in the order of the asked ids. */
function byPerson<T>(
  ids: readonly string[],
  rows: T[],
  personOf: (row: T) => string = (row) => (row as { personId: string }).personId,
): T[][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(personOf(row)) ?? [];
    list.push(row);
    groups.set(personOf(row), list);
  }
  return ids.map((id) => groups.get(id) ?? []);
}

/**
 * The request's batched profile reads: however many persons a query touches,
 * each kind of row costs one query.
 */
export class PersonLoaders {
  constructor(
    private readonly context: SubgraphContext,
    private readonly service: PersonService,
  ) {}

  get persons(): DataLoader<string, PersonRow | null> {
    return loaderFor(
      this.context,
      'identity.person',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = new Map((await this.service.persons(ids)).map((p) => [p.id, p]));
          return ids.map((id) => rows.get(id) ?? null);
        }),
    );
  }

  /** The person of each record key, and whether the record's link to it is under dispute. */
  get recordPlacement(): DataLoader<string, { personId: string; suspended: boolean } | null> {
    return loaderFor(
      this.context,
      'identity.recordPlacement',
      () =>
        new DataLoader(async (keys: readonly string[]) => {
          const found = await this.service.recordPlacements(keys);
          return keys.map((k) => found.get(k) ?? null);
        }),
    );
  }

  get records(): DataLoader<string, PersonRecordRow[]> {
    return loaderFor(
      this.context,
      'identity.records',
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          byPerson(ids, await this.service.records(ids)),
        ),
    );
  }

  get links(): DataLoader<string, PersonLinkRow[]> {
    return loaderFor(
      this.context,
      'identity.links',
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          byPerson(ids, await this.service.links(ids)),
        ),
    );
  }

  /** Every dispute concerning each person, oldest first. */
  get disputes(): DataLoader<string, DisputeRow[]> {
    return loaderFor(
      this.context,
      'identity.disputes',
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          byPerson(ids, await this.service.disputes(ids), (row) => row.forPerson),
        ),
    );
  }

  get lineage(): DataLoader<string, { merged: LineageRow[]; split: LineageRow[] }> {
    return loaderFor(
      this.context,
      'identity.lineage',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.service.lineage(ids);
          return ids.map((id) => ({
            merged: rows.filter((r) => r.mergedInto === id),
            split: rows.filter((r) => r.splitFrom === id),
          }));
        }),
    );
  }
}
