import {
  AnalysisQueryError,
  bornInRange,
  SEARCH_LIMITS,
  type PersonSearchHit,
  type PersonSearchIndex,
  type PersonSearchQuery,
  type PersonSearchResult,
} from '@mosaic/analysis-model';
import type { DataSource } from 'typeorm';
import { PersonDocumentReader } from './person-document.reader';
import {
  PAGED_PERSONS,
  PAGED_SURNAME,
  personSearchPopulation,
  readModelCounts,
  SEARCH_SUBJECTS as S,
  UNRESOLVED_RECORD,
  writeSeedPersons,
  type SeedPerson,
} from './person-search.fixtures';

export interface PersonSearchContractTarget {
  /** A migrated, empty analysis read model; the suite seeds it. */
  open: () => Promise<DataSource>;
  /** The adapter over that read model (each call a new adapter on the same index). */
  index: (db: DataSource, options: { countCap?: number }) => Promise<PersonSearchIndex>;
  /** Releases what `open` and `index` made (a database, an index in the engine). */
  close?: () => Promise<void>;
}

type Search = Partial<PersonSearchQuery>;

/**
 * What the analysis subgraph relies on from person search, whichever adapter
 * runs it (PostgreSQL with pg_trgm, or the search engine fed by `sync`): a
 * person found by any spelling of the name, dates of birth, nationality and
 * document numbers that narrow, stable paging, an explanation on every hit,
 * hostile strings that stay data, and limits refused with a typed error.
 *
 * For adapters' test suites only: it calls Jest's `describe`/`it`.
 */
export function describePersonSearchContract(
  name: string,
  target: PersonSearchContractTarget,
): void {
  describe(`person search contract: ${name}`, () => {
    const population = personSearchPopulation(250);
    const byId = new Map(population.map((p) => [p.id, p]));
    const paged = new Set(
      population.filter((p) => p.records[0]?.surname === PAGED_SURNAME).map((p) => p.id),
    );
    let db: DataSource;
    let index: PersonSearchIndex;
    let counts: Record<string, number>;

    const sync = async (ids: readonly string[]) =>
      index.sync(ids, await new PersonDocumentReader(db).read(ids));

    beforeAll(async () => {
      db = await target.open();
      await writeSeedPersons(db, population, [UNRESOLVED_RECORD]);
      index = await target.index(db, {});
      await sync(population.map((p) => p.id));
      counts = await readModelCounts(db);
    }, 120_000);

    afterAll(async () => {
      await target.close?.();
    });

    const search = (q: Search): Promise<PersonSearchResult> =>
      index.search({ offset: 0, limit: 10, ...q } as PersonSearchQuery);
    const ids = (r: PersonSearchResult) => r.hits.map((h) => h.personId);
    const hitOf = (r: PersonSearchResult, id: string) => r.hits.find((h) => h.personId === id);
    const recordedNames = (p: SeedPerson | undefined) =>
      (p?.records ?? []).map((r) => [r.givenNames, r.surname].filter(Boolean).join(' '));

    it.each([
      ['as recorded', 'Aleksandr Ivanov'],
      ['lower case', 'aleksandr ivanov'],
      ['upper case', 'ALEKSANDR IVANOV'],
      ['surname first', 'Ivanov Aleksandr'],
      ['surname first with a comma', 'IVANOV, Aleksandr'],
      ['with diacritics added', 'Áleksandr Ívanov'],
      ['another transliteration', 'Alexander Ivanov'],
      ['with one typo', 'Aleksandr Ivanvo'],
      ['only the surname', 'ivanov'],
    ])('finds a person by the name %s (%s) on page 1', async (_, variant) => {
      const result = await search({ name: variant });
      expect(ids(result)).toEqual(expect.arrayContaining([S.ivanov, S.ivanovElder]));
    });

    it.each([
      ['without diacritics', 'Jurgen Muller', S.muller],
      ['in capitals with diacritics', 'JÜRGEN MÜLLER', S.muller],
      ['transliterated with ue', 'Juergen Mueller', S.muller],
      ['surname first', 'Muller Jurgen', S.muller],
      ['in another transliteration', 'Muhammad al Rashid', S.alRashid],
      ['in yet another transliteration', 'Mohamed Al-Rashid', S.alRashid],
      ['without diacritics, surname last', 'Thi Huong Nguyen', S.nguyen],
      ['in its own order, with diacritics', 'Nguyễn Thị Hương', S.nguyen],
    ])('finds a person by the name %s (%s)', async (_, variant, id) => {
      const result = await search({ name: variant });
      expect(ids(result).slice(0, 3)).toContain(id);
    });

    it('ranks the persons whose recorded name is the one searched above look-alikes', async () => {
      const result = await search({ name: 'Wilhelmina Drakenberg' });
      expect(ids(result)[0]).toBe(S.drakenbergA);
    });

    it('explains every hit: which field matched, with the recorded value and how', async () => {
      const exact = await search({ name: 'aleksandr ivanov' });
      expect(exact.hits.length).toBeGreaterThan(0);
      for (const hit of exact.hits) expect(hit.matched.length).toBeGreaterThan(0);
      expect(hitOf(exact, S.ivanov)?.matched).toContainEqual({
        field: 'NAME',
        value: 'Aleksandr Ivanov',
        how: 'EXACT',
      });

      const typo = hitOf(await search({ name: 'Aleksandr Ivanvo' }), S.ivanov);
      expect(typo?.matched).toContainEqual(
        expect.objectContaining({ field: 'NAME', how: 'FUZZY' }),
      );
      expect(recordedNames(byId.get(S.ivanov))).toContain(
        typo?.matched.find((m) => m.field === 'NAME')?.value,
      );

      const phonetic = hitOf(await search({ name: 'Muhammad al Rashid' }), S.alRashid);
      expect(phonetic?.matched).toContainEqual({
        field: 'NAME_PHONETIC',
        value: 'Mohammed Al-Rashid',
        how: 'PHONETIC',
      });
    });

    it('narrows by a range of dates of birth, matching partial dates by the days they cover', async () => {
      const eighties = await search({ name: 'Aleksandr Ivanov', bornFrom: '1979', bornTo: '1981' });
      expect(ids(eighties)).toEqual([S.ivanov]);
      expect(hitOf(eighties, S.ivanov)?.matched).toContainEqual(
        expect.objectContaining({ field: 'DATE_OF_BIRTH', how: 'IN_RANGE' }),
      );

      // Only the seizure record's "1980" can fall in April 1980: it still matches, and says so.
      const april = await search({
        name: 'Aleksandr Ivanov',
        bornFrom: '1980-04-01',
        bornTo: '1980-04-30',
      });
      expect(ids(april)).toEqual([S.ivanov]);
      expect(hitOf(april, S.ivanov)?.matched).toContainEqual({
        field: 'DATE_OF_BIRTH',
        value: '1980',
        how: 'IN_RANGE',
      });

      expect(
        ids(await search({ name: 'Aleksandr Ivanov', bornFrom: '1960', bornTo: '1962' })),
      ).toEqual([S.ivanovElder]);
      expect(ids(await search({ name: 'Aleksandr Ivanov', bornTo: '1950' }))).toEqual([]);
      expect(ids(await search({ name: 'Aleksandr Ivanov', bornFrom: '1990' }))).toEqual([]);

      // Recorded as June 1975: the second half of June overlaps it, July does not.
      expect(
        ids(await search({ name: 'Jurgen Muller', bornFrom: '1975-06-15', bornTo: '1975-07' })),
      ).toEqual([S.muller]);
      expect(ids(await search({ name: 'Jurgen Muller', bornFrom: '1975-07' }))).toEqual([]);
      // A leap day is a day like any other.
      expect(
        ids(await search({ name: 'Huong Nguyen', bornFrom: '1988-02-29', bornTo: '1988-02-29' })),
      ).toEqual([S.nguyen]);
    });

    it('reads malformed recorded dates as parseDateOfBirth does: swaps undone, impossible days dropped', async () => {
      const eve = await search({
        name: 'Ignatius Fairweather',
        bornFrom: '1969-12-31',
        bornTo: '1969-12-31',
      });
      expect(ids(eve)).toEqual([S.fairweather]);
      expect(hitOf(eve, S.fairweather)?.matched).toContainEqual({
        field: 'DATE_OF_BIRTH',
        value: '1969-31-12',
        how: 'IN_RANGE',
      });
      const february = await search({
        name: 'Ignatius Fairweather',
        bornFrom: '1969-02-15',
        bornTo: '1969-02-20',
      });
      expect(hitOf(february, S.fairweather)?.matched).toContainEqual({
        field: 'DATE_OF_BIRTH',
        value: '1969-02-30',
        how: 'IN_RANGE',
      });
      expect(
        ids(await search({ name: 'Ignatius Fairweather', bornFrom: '1969-03', bornTo: '1969-11' })),
      ).toEqual([]);
    });

    it('narrows by nationality, in any case', async () => {
      const ukr = await search({ name: 'Aleksandr Ivanov', nationality: 'UKR' });
      expect(ids(ukr)).toEqual([S.ivanovElder]);
      expect(hitOf(ukr, S.ivanovElder)?.matched).toContainEqual({
        field: 'NATIONALITY',
        value: 'UKR',
        how: 'EXACT',
      });
      expect(ids(await search({ name: 'Aleksandr Ivanov', nationality: 'rus' }))).toEqual([
        S.ivanov,
      ]);
      expect(ids(await search({ name: 'Aleksandr Ivanov', nationality: 'FRA' }))).toEqual([]);
    });

    it.each(['7244109931', '72-4410-9931', '72 4410 9931', ' 72.4410.9931 '])(
      'finds a person by a document number however it is punctuated (%s)',
      async (number) => {
        const result = await search({ documentNumber: number });
        expect(ids(result)).toEqual([S.ivanov]);
        expect(result.hits[0]?.matched).toEqual([
          { field: 'DOCUMENT', value: 'PASSPORT 72 4410 9931 RUS', how: 'EXACT' },
        ]);
      },
    );

    it('matches document numbers regardless of case, and only whole numbers', async () => {
      expect(ids(await search({ documentNumber: 'A12345678' }))).toEqual([S.okonkwo]);
      expect(ids(await search({ documentNumber: 'c01x00t47' }))).toEqual([S.muller]);
      expect(ids(await search({ documentNumber: '724410993' }))).toEqual([]);
      expect(ids(await search({ documentNumber: 'C01X00T47', name: 'Aleksandr Ivanov' }))).toEqual(
        [],
      );
      const both = await search({ documentNumber: 'UA 771204', name: 'Ivanov' });
      expect(ids(both)).toEqual([S.ivanovElder]);
      expect(both.hits[0]?.matched.map((m) => m.field).sort()).toEqual(['DOCUMENT', 'NAME']);
    });

    it('leaves out records not resolved into a person, and merged or split persons', async () => {
      expect(ids(await search({ name: 'Zebulon Quarrington' }))).toEqual([]);
      expect(ids(await search({ documentNumber: 'ZQ-990011' }))).toEqual([]);
      expect(ids(await search({ name: 'Quentin Marchbanks' }))).toEqual([]);
      expect(ids(await search({ name: 'Ottoline Featherstonehaugh' }))).toEqual([]);
    });

    it('pages through the hits in a stable order: disjoint pages that cover them all', async () => {
      const first = await search({ name: PAGED_SURNAME, limit: 7 });
      expect(first.totalIsLowerBound).toBe(false);
      const pages: PersonSearchHit[][] = [];
      for (let offset = 0; offset < first.total + 7; offset += 7) {
        const page = await search({ name: PAGED_SURNAME, offset, limit: 7 });
        expect(page.total).toBe(first.total);
        pages.push(page.hits);
      }
      const all = pages.flat();
      expect(new Set(all.map((h) => h.personId)).size).toBe(all.length);
      expect(all).toHaveLength(first.total);
      expect(all.map((h) => h.personId)).toEqual(expect.arrayContaining([...paged]));
      expect(paged.size).toBe(PAGED_PERSONS);
      for (let i = 1; i < all.length; i++) {
        expect((all[i] as PersonSearchHit).score).toBeLessThanOrEqual(
          (all[i - 1] as PersonSearchHit).score,
        );
      }
      expect(await search({ name: PAGED_SURNAME, limit: 7 })).toEqual(first);
      expect((await search({ name: PAGED_SURNAME, offset: first.total })).hits).toEqual([]);
    });

    it('caps the count and says when it is only a lower bound', async () => {
      const capped = await target.index(db, { countCap: 10 });
      const result = await capped.search({ name: PAGED_SURNAME, offset: 20, limit: 5 });
      expect(result.total).toBe(10);
      expect(result.totalIsLowerBound).toBe(true);
      expect(result.hits).toHaveLength(5);
      const exact = await capped.search({ name: 'Aleksandr Ivanov', offset: 0, limit: 5 });
      expect(exact.total).toBe(2);
      expect(exact.totalIsLowerBound).toBe(false);
    });

    // What each hostile string may yield: a typed refusal, nothing, or only these persons.
    const hostile: [string, Search, 'refused' | 'nothing' | string[]][] = [
      ['SQL quote and comment', { name: "' OR 1=1 --" }, 'nothing'],
      ['SQL injection after a real name', { name: "Ivanov' OR '1'='1" }, 'nothing'],
      ['a statement', { name: 'Robert"); DROP TABLE analysis_record; --' }, 'nothing'],
      ['LIKE wildcard %', { name: '%' }, 'refused'],
      ['LIKE wildcard _', { name: '_' }, 'refused'],
      ['backslash', { name: '\\' }, 'refused'],
      ['a star', { name: '*' }, 'refused'],
      ['a double quote', { name: '"' }, 'refused'],
      ['a search engine query as JSON', { name: '{"query":{"match_all":{}}}' }, 'nothing'],
      ['query string syntax', { name: 'name:*' }, 'nothing'],
      ['query string syntax on a field', { name: 'name_tokens:IVANOV OR *:*' }, 'nothing'],
      ['a name far too long', { name: 'Ivanov '.repeat(400) }, 'refused'],
      ['a name just too long', { name: 'a'.repeat(SEARCH_LIMITS.maxNameLength + 1) }, 'refused'],
      ['a right-to-left override', { name: '\u202EIvanov\u202C' }, [S.ivanov, S.ivanovElder]],
      ['a zero-width space', { name: 'Iva\u200Bnov' }, [S.ivanov, S.ivanovElder]],
      ['a NUL character', { name: 'Ivanov\u0000' }, 'refused'],
      ['control characters', { name: 'Iva\u0007nov\u001b[2J' }, 'refused'],
      ['document number with SQL', { documentNumber: "' OR '1'='1" }, 'nothing'],
      ['document number wildcard', { documentNumber: '%' }, 'refused'],
      ['document number query syntax', { documentNumber: '*:*' }, 'refused'],
      ['document number JSON', { documentNumber: '{"match_all":{}}' }, 'nothing'],
      ['nationality with SQL', { name: 'Ivanov', nationality: "' OR" }, 'refused'],
      ['birth bound with SQL', { name: 'Ivanov', bornFrom: "1980' OR '1'='1" }, 'refused'],
      ['birth bound out of the calendar', { name: 'Ivanov', bornTo: '1980-02-30' }, 'refused'],
    ];

    it.each(hostile)('treats a hostile string as data: %s', async (_, query, expected) => {
      const outcome = await search(query).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
      if (expected === 'refused') {
        expect('error' in outcome && outcome.error).toBeInstanceOf(AnalysisQueryError);
        const error = (outcome as { error: AnalysisQueryError }).error;
        expect(error.code).toBe('BAD_USER_INPUT');
        expect(error.issues.length).toBeGreaterThan(0);
        return;
      }
      if ('error' in outcome) throw outcome.error;
      const found = ids(outcome.result);
      if (expected === 'nothing') expect(found).toEqual([]);
      else expect(new Set(found)).toEqual(new Set(expected));
      expect(await readModelCounts(db)).toEqual(counts);
    });

    it.each([
      ['limit', { name: 'Ivanov', limit: SEARCH_LIMITS.maxLimit + 1 }],
      ['limit', { name: 'Ivanov', limit: 0 }],
      ['limit', { name: 'Ivanov', limit: 2.5 }],
      ['offset', { name: 'Ivanov', offset: SEARCH_LIMITS.maxOffset + 1 }],
      ['offset', { name: 'Ivanov', offset: -1 }],
      ['name', { name: 'x'.repeat(SEARCH_LIMITS.maxNameLength + 1) }],
      ['documentNumber', { documentNumber: '9'.repeat(65) }],
      ['query', { nationality: 'RUS' }],
      ['query', { bornFrom: '1980' }],
      ['bornTo', { name: 'Ivanov', bornFrom: '1981', bornTo: '1980-12' }],
    ] as [string, Search][])(
      'refuses a request over the limits, naming %s',
      async (field, query) => {
        const error = await search(query).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(AnalysisQueryError);
        expect((error as AnalysisQueryError).issues.map((i) => i.field)).toContain(field);
      },
    );

    it('every hit of a range search carries a recorded date in the range', async () => {
      const result = await search({
        name: PAGED_SURNAME,
        bornFrom: '1960',
        bornTo: '1975-06',
        limit: 50,
      });
      expect(result.hits.length).toBeGreaterThan(0);
      for (const hit of result.hits) {
        const born = hit.matched.find((m) => m.field === 'DATE_OF_BIRTH');
        expect(born?.how).toBe('IN_RANGE');
        expect(bornInRange(born?.value ?? null, { from: '1960-01-01', to: '1975-06-30' })).toBe(
          true,
        );
        const recorded = byId.get(hit.personId)?.records.map((r) => r.dateOfBirth);
        expect(recorded).toContain(born?.value);
      }
    });

    // The last two change the read model.
    it('no longer finds a person through a record whose link to it is suspended', async () => {
      expect(ids(await search({ name: 'Hektor Blomqvist' }))).toEqual([S.vantongeren]);
      await db.query(
        "UPDATE analysis_membership SET state = 'SUSPENDED' WHERE record_key = 'seizure:VT-2'",
      );
      await sync([S.vantongeren]);
      expect(ids(await search({ name: 'Hektor Blomqvist' }))).toEqual([]);
      const casimir = await search({ name: 'Casimir Vantongeren', bornFrom: '1977-09' });
      expect(ids(casimir)).toEqual([S.vantongeren]);
      expect(casimir.hits[0]?.matched).toEqual(
        expect.arrayContaining([
          { field: 'NAME', value: 'Casimir Vantongeren', how: 'EXACT' },
          { field: 'DATE_OF_BIRTH', value: '1977-09-09', how: 'IN_RANGE' },
        ]),
      );
    });

    it('follows the read model after a sync: a merged person is gone, the survivor found by both names', async () => {
      await db.query('UPDATE analysis_record SET person_id = $1 WHERE person_id = $2', [
        S.drakenbergA,
        S.drakenbergB,
      ]);
      await db.query(
        "UPDATE analysis_person SET status = 'MERGED', merged_into = $1 WHERE id = $2",
        [S.drakenbergA, S.drakenbergB],
      );
      await sync([S.drakenbergA, S.drakenbergB]);
      const wilma = await search({ name: 'Wilma Drakenberg' });
      expect(ids(wilma)).toContain(S.drakenbergA);
      expect(ids(wilma)).not.toContain(S.drakenbergB);
      expect(ids(await search({ name: 'Drakenberg', bornFrom: '1983', bornTo: '1983' }))).toEqual([
        S.drakenbergA,
      ]);
    });
  });
}
