import { REGION_NAME_DATA } from '../name-data';
import { REGION_GROUPS } from '../name-types';
import type { NameEntry, RegionGroup } from '../name-types';

// The generator strips diacritics and matching ignores case, so a "variant" that folds to
// its canonical adds nothing to linkage realism.
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function pools(group: RegionGroup): [string, readonly NameEntry[]][] {
  const data = REGION_NAME_DATA[group];
  return [
    [`${group} male`, data.given.male],
    [`${group} female`, data.given.female],
    [`${group} surnames`, data.surnames],
  ];
}

const allPools = REGION_GROUPS.flatMap(pools);

describe('REGION_NAME_DATA', () => {
  it('has data for every region group, keyed by its own group', () => {
    expect(Object.keys(REGION_NAME_DATA).sort()).toEqual([...REGION_GROUPS].sort());
    for (const group of REGION_GROUPS) {
      expect(REGION_NAME_DATA[group].group).toBe(group);
    }
  });

  it.each(allPools)('%s is large enough and every weight is positive and finite', (_, pool) => {
    expect(pool.length).toBeGreaterThanOrEqual(30);
    for (const entry of pool) {
      expect(Number.isFinite(entry.weight)).toBe(true);
      expect(entry.weight).toBeGreaterThan(0);
    }
  });

  it.each(allPools)(
    '%s is Zipf-like: the rarest name is far rarer than the commonest',
    (_, pool) => {
      const weights = pool.map((e) => e.weight);
      expect(Math.max(...weights) / Math.min(...weights)).toBeGreaterThanOrEqual(5);
    },
  );

  it.each(allPools)('%s lists each canonical name once', (_, pool) => {
    const folded = pool.map((e) => fold(e.canonical));
    expect(new Set(folded).size).toBe(folded.length);
  });

  it.each(allPools)('%s variants differ from their canonical and from each other', (_, pool) => {
    for (const { canonical, variants } of pool) {
      const folded = variants.map(fold);
      // Never the canonical, and never only its diacritic-stripped or re-cased form.
      expect(folded).not.toContain(fold(canonical));
      expect(new Set(folded).size).toBe(folded.length);
      for (const v of variants) expect(v.trim()).toBe(v);
    }
  });

  it.each(allPools)('%s never uses another entry’s canonical as a variant', (_, pool) => {
    // Otherwise one true name would double as a misspelling of another and the ground
    // truth of which name a record carries would be ambiguous.
    const canonicals = new Set(pool.map((e) => e.canonical));
    for (const { canonical, variants } of pool) {
      const clashes = variants.filter((v) => v !== canonical && canonicals.has(v));
      expect({ canonical, clashes }).toEqual({ canonical, clashes: [] });
    }
  });

  it.each(allPools)(
    '%s nicknames, where given, are non-empty and not the name itself',
    (_, pool) => {
      for (const { canonical, nicknames } of pool) {
        for (const nick of nicknames ?? []) {
          expect(nick.length).toBeGreaterThan(0);
          expect(fold(nick)).not.toBe(fold(canonical));
        }
      }
    },
  );

  it('has enough transliteration variants for linkage to be realistic', () => {
    const withVariants = allPools.flatMap(([, pool]) => pool).filter((e) => e.variants.length);
    expect(withVariants.length).toBeGreaterThanOrEqual(20);
  });

  it('keeps the spellings a linker must cope with', () => {
    const find = (group: RegionGroup, pool: 'male' | 'female' | 'surnames', name: string) => {
      const data = REGION_NAME_DATA[group];
      const entries = pool === 'surnames' ? data.surnames : data.given[pool];
      return entries.find((e) => e.canonical === name);
    };
    expect(find('ARABIC', 'male', 'Mohammed')?.variants).toEqual(
      expect.arrayContaining(['Muhammad', 'Mohamed']),
    );
    expect(find('SLAVIC', 'male', 'Aleksandr')?.variants).toContain('Oleksandr');
    // NFD does not decompose Ł, so stripping alone never yields the plain spelling.
    expect(find('SLAVIC', 'male', 'Łukasz')?.variants).toContain('Lukasz');
    expect(find('WEST_EUROPEAN', 'surnames', 'Müller')?.variants).toEqual(['Mueller']);
    expect(find('EAST_ASIAN', 'surnames', 'Lee')?.variants).toEqual(
      expect.arrayContaining(['Yi', 'Rhee']),
    );
  });

  it('gives every nationality a valid ISO alpha-3 code and a positive weight', () => {
    for (const group of REGION_GROUPS) {
      const nationalities = REGION_NAME_DATA[group].nationalities;
      expect(nationalities.length).toBeGreaterThanOrEqual(4);
      expect(new Set(nationalities.map((n) => n.code)).size).toBe(nationalities.length);
      for (const { code, weight } of nationalities) {
        expect(code).toMatch(/^[A-Z]{3}$/);
        expect(weight).toBeGreaterThan(0);
      }
    }
  });

  it('uses each naming convention where it belongs', () => {
    for (const group of REGION_GROUPS) {
      const data = REGION_NAME_DATA[group];
      expect(data.middleNameRate).toBeGreaterThanOrEqual(0);
      expect(data.middleNameRate).toBeLessThanOrEqual(1);
      expect(data.familyNameFirst).toBe(group === 'EAST_ASIAN');
      expect(data.femaleSurname !== undefined).toBe(data.surnameStyle === 'gendered');
    }
    expect(REGION_NAME_DATA.HISPANIC.surnameStyle).toBe('double');
    expect(REGION_NAME_DATA.SLAVIC.surnameStyle).toBe('gendered');
  });
});

describe('SLAVIC femaleSurname', () => {
  const female = (male: string): string => {
    const derive = REGION_NAME_DATA.SLAVIC.femaleSurname;
    if (!derive) throw new Error('SLAVIC has no femaleSurname');
    return derive(male);
  };

  it.each([
    ['Ivanov', 'Ivanova'],
    ['Vasiliev', 'Vasilieva'],
    ['Sorokin', 'Sorokina'],
    ['Ivanou', 'Ivanova'],
    ['Kowalski', 'Kowalska'],
    ['Wiśniewski', 'Wiśniewska'],
    ['Nowicki', 'Nowicka'],
    ['Tchaikovsky', 'Tchaikovskaya'],
    ['Chaykovskiy', 'Chaykovskaya'],
    ['Kovalskyi', 'Kovalska'],
    ['Novotný', 'Novotná'],
    ['Novák', 'Nováková'],
    ['Svoboda', 'Svobodová'],
    // A stripped spelling is still recognised as Czech; the generator strips the accent.
    ['Dvorak', 'Dvoraková'],
  ])('%s → %s', (male, expected) => {
    expect(female(male)).toBe(expected);
  });

  it.each(['Shevchenko', 'Melnyk', 'Nowak', 'Jovanović', 'Woźniak'])(
    'leaves %s unchanged, as it is in use',
    (male) => {
      expect(female(male)).toBe(male);
    },
  );

  it('gives a non-empty result for every listed surname and variant', () => {
    for (const { canonical, variants } of REGION_NAME_DATA.SLAVIC.surnames) {
      for (const name of [canonical, ...variants]) expect(female(name).length).toBeGreaterThan(0);
    }
  });
});
