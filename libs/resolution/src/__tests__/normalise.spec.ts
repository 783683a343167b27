import type { ResolutionRecord } from '../record';
import {
  foldAddress,
  foldDocumentNumber,
  nameTokens,
  normalisePhone,
  normaliseRecord,
  parseDateOfBirth,
} from '../normalise';

function record(overrides: Partial<ResolutionRecord> = {}): ResolutionRecord {
  return {
    key: 'travel:T1',
    source: 'travel',
    recordId: 'T1',
    observedAt: '2024-05-01T10:00:00Z',
    givenNames: 'Jan',
    surname: 'Kowalski',
    dateOfBirth: '1980-04-17',
    sex: 'M',
    nationality: 'POL',
    documents: [],
    phones: [],
    addresses: [],
    vehicles: [],
    face: null,
    fingers: [],
    ...overrides,
  };
}

const sharesAKey = (a: ResolutionRecord, b: ResolutionRecord) => {
  const keys = new Set(normaliseRecord(a).blockingKeys);
  return normaliseRecord(b).blockingKeys.some((k) => keys.has(k));
};

describe('name folding', () => {
  it.each([
    ['Müller', ['MULLER']],
    ['MÜLLER', ['MULLER']],
    ['Groß', ['GROSS']],
    ['Øberg', ['OBERG']],
    ['Łukasz', ['LUKASZ']],
    ['Ærø', ['AERO']],
    ['Nguyễn', ['NGUYEN']],
    ['Đức', ['DUC']],
    ['Þórsdóttir', ['THORSDOTTIR']],
    ['Ｍａｒｉａ', ['MARIA']],
  ])('folds %s to plain upper-case letters', (raw, tokens) => {
    expect(nameTokens(raw)).toEqual(tokens);
  });

  it('joins across apostrophes and splits on other punctuation and spaces', () => {
    expect(nameTokens("O'Brien")).toEqual(['OBRIEN']);
    expect(nameTokens('Sa’ad')).toEqual(['SAAD']);
    expect(nameTokens('  Jean-Luc   Picard, Jr. ')).toEqual(['JEAN', 'LUC', 'PICARD', 'JR']);
  });

  it('yields no tokens for an empty name or one in a script it cannot romanise', () => {
    expect(nameTokens(null)).toEqual([]);
    expect(nameTokens(' - ')).toEqual([]);
    expect(nameTokens('Иван')).toEqual([]);
  });
});

describe('normaliseRecord', () => {
  it('gives each name token a phonetic code, in token order', () => {
    const { name } = normaliseRecord(record({ givenNames: 'José Luis', surname: 'García López' }));
    expect(name?.given).toEqual(['JOSE', 'LUIS']);
    expect(name?.surnames).toEqual(['GARCIA', 'LOPEZ']);
    expect(name?.givenPhonetic).toHaveLength(2);
    expect(name?.surnamePhonetic).toHaveLength(2);
    expect(name?.givenPhonetic.every((code) => /^[A-Z0-9]+$/.test(code))).toBe(true);
  });

  it('gives sound-alike spellings the same phonetic code', () => {
    const code = (surname: string) => normaliseRecord(record({ surname })).name?.surnamePhonetic;
    expect(code('Müller')).toEqual(code('Mueller'));
    expect(code('Mohammed')).toEqual(code('Muhammad'));
  });

  it('has no name when neither name field holds a letter', () => {
    const features = normaliseRecord(record({ givenNames: null, surname: '' }));
    expect(features.name).toBeNull();
    expect(features.nameParts).toEqual({ given: null, surname: null });
  });

  it('keeps a name with only a surname', () => {
    const { name } = normaliseRecord(record({ givenNames: null, surname: 'Diallo' }));
    expect(name).toEqual({
      given: [],
      surnames: ['DIALLO'],
      givenPhonetic: [],
      surnamePhonetic: [expect.any(String)],
    });
  });

  it('folds document numbers to alphanumerics and keeps the issuing country and type', () => {
    const features = normaliseRecord(
      record({
        documents: [
          { type: 'NATIONAL_ID', number: '123-456-7890', issuingCountry: 'pol' },
          { type: 'PASSPORT', number: ' ab 1234567 ', issuingCountry: 'POL' },
          { type: 'PASSPORT', number: 'AB1234567', issuingCountry: 'POL' },
        ],
      }),
    );
    expect(features.documents).toEqual([
      { number: '1234567890', country: 'POL', type: 'NATIONAL_ID' },
      { number: 'AB1234567', country: 'POL', type: 'PASSPORT' },
    ]);
  });

  it('reads phones and addresses the way different clerks wrote them as one value', () => {
    const a = normaliseRecord(
      record({ phones: ['+44 7911 123456'], addresses: ['12 Harbour Street, Port Alden, GBR'] }),
    );
    const b = normaliseRecord(
      record({ phones: ['00447911123456'], addresses: ['12  HARBOUR STREET PORT ALDEN GBR'] }),
    );
    expect(a.phones).toEqual(['+447911123456']);
    expect(b.phones).toEqual(a.phones);
    expect(b.addresses).toEqual(a.addresses);
  });
});

describe('parseDateOfBirth', () => {
  it.each([
    ['1980-04-17', { year: 1980, month: 4, day: 17 }],
    ['1980-04', { year: 1980, month: 4, day: null }],
    ['1980', { year: 1980, month: null, day: null }],
    ['1980-4-7', { year: 1980, month: 4, day: 7 }],
    // A month above 12 can only be a day written first.
    ['1980-17-04', { year: 1980, month: 4, day: 17 }],
    ['1980-02-30', { year: 1980, month: 2, day: null }],
  ])('reads %s', (value, parts) => {
    expect(parseDateOfBirth(value)).toEqual(parts);
  });

  it.each([null, '', 'unknown', '17/04/1980', '80-04-17', '1980-04-17T00:00:00Z'])(
    'gives null for %p',
    (value) => {
      expect(parseDateOfBirth(value)).toBeNull();
    },
  );
});

describe('identifier folding', () => {
  it('normalises phones to +digits when written internationally, bare digits otherwise', () => {
    expect(normalisePhone('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(normalisePhone('0033612345678')).toBe('+33612345678');
    expect(normalisePhone('06 12 34 56 78')).toBe('0612345678');
    expect(normalisePhone('n/a')).toBeNull();
  });

  it('folds document numbers and addresses', () => {
    expect(foldDocumentNumber('x-12 34')).toBe('X1234');
    expect(foldAddress('7 Rue de l’Église, Saint-Malo')).toBe('7 RUE DE LEGLISE SAINT MALO');
    expect(foldAddress(' , ')).toBeNull();
  });
});

describe('blocking keys', () => {
  const person = record({
    givenNames: 'Zainab',
    surname: 'Al-Masri',
    dateOfBirth: '1977-09-25',
    sex: 'F',
    nationality: 'EGY',
    documents: [{ type: 'PASSPORT', number: 'HK2048835', issuingCountry: 'EGY' }],
  });
  const withoutDocument = { ...person, documents: [] };

  it('gives each document number a key, with confusable characters folded', () => {
    const misread = {
      ...person,
      givenNames: 'Layla',
      documents: [{ ...person.documents[0]!, number: 'HK2O48835' }],
    };
    expect(sharesAKey(person, misread)).toBe(true);
  });

  it.each<[string, Partial<ResolutionRecord>]>([
    ['in capitals without diacritics', { givenNames: 'ZAINAB', surname: 'AL MASRI' }],
    ['with given name and surname swapped', { givenNames: 'Al-Masri', surname: 'Zainab' }],
    ['with a typo in the surname', { surname: 'Al-Masrj' }],
    ['with a different given name (a nickname)', { givenNames: 'Zizi' }],
    ['with the article dropped', { surname: 'Masri' }],
    ['with day and month swapped', { dateOfBirth: '1977-25-09' }],
    ['with only the birth year', { dateOfBirth: '1977' }],
    ['without a date of birth', { dateOfBirth: null }],
  ])('shares a key with a rendering %s', (_, change) => {
    expect(sharesAKey(withoutDocument, { ...withoutDocument, ...change })).toBe(true);
  });

  it('does not put people with different names and birth years in one block', () => {
    const other = record({
      givenNames: 'Zainab',
      surname: 'Haddad',
      dateOfBirth: '1983-02-11',
      sex: 'F',
      nationality: 'JOR',
    });
    expect(sharesAKey(withoutDocument, other)).toBe(false);
  });

  it('keys a surname by its name, not by a particle before it', () => {
    const keys = (surname: string) =>
      normaliseRecord(record({ givenNames: 'Maria', surname })).blockingKeys;
    expect(keys('de la Cruz')).toEqual(keys('Cruz'));
  });
});
