import {
  AnalysisQueryError,
  birthInterval,
  bornInRange,
  explainPersonMatch,
  personSearchTerms,
  validateSearchQuery,
  type PersonSearchDocument,
} from '..';

const issuesOf = (input: Parameters<typeof validateSearchQuery>[0]) => {
  try {
    validateSearchQuery(input);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(AnalysisQueryError);
    return (error as AnalysisQueryError).issues.map((i) => i.field);
  }
};

describe('person search query validation', () => {
  it('accepts a name with defaults for paging, and trims and upper-cases what it keeps', () => {
    expect(validateSearchQuery({ name: '  Ivanov ', nationality: 'rus' })).toEqual({
      name: 'Ivanov',
      nationality: 'RUS',
      offset: 0,
      limit: 20,
    });
  });

  it('drops invisible format characters a pasted name carries', () => {
    expect(validateSearchQuery({ name: '\u202EIva\u200Bnov\uFEFF' }).name).toBe('Ivanov');
  });

  it('names every refused field at once', () => {
    expect(
      issuesOf({
        name: 'Ivanov\u0000',
        nationality: 'RU',
        bornFrom: '1980-13',
        documentNumber: '--',
        limit: 500,
        offset: -3,
      }).sort(),
    ).toEqual(['bornFrom', 'documentNumber', 'limit', 'name', 'nationality', 'offset']);
  });

  it('refuses names without a Latin letter and dates outside the calendar', () => {
    expect(issuesOf({ name: '%_*' })).toEqual(['name']);
    expect(issuesOf({ name: 'Ivanov', bornTo: '1981-02-29' })).toEqual(['bornTo']);
    expect(issuesOf({ name: 'Ivanov', bornFrom: '1980-06', bornTo: '1980-05' })).toEqual([
      'bornTo',
    ]);
    expect(issuesOf({ name: 'Ivanov', bornFrom: '1980-05-31', bornTo: '1980-05' })).toEqual([]);
  });

  it('refuses a search by population only: a name or a document number is needed', () => {
    expect(issuesOf({ nationality: 'RUS', bornFrom: '1980' })).toEqual(['query']);
    expect(issuesOf({})).toEqual(['query']);
  });
});

describe('partial dates of birth', () => {
  it('covers the days a recorded date may denote, reading day/month swaps as parseDateOfBirth does', () => {
    expect(birthInterval('1980')).toEqual({ from: '1980-01-01', to: '1980-12-31' });
    expect(birthInterval('1988-02')).toEqual({ from: '1988-02-01', to: '1988-02-29' });
    expect(birthInterval('1980-25-03')).toEqual({ from: '1980-03-25', to: '1980-03-25' });
    expect(birthInterval('1980-02-31')).toEqual({ from: '1980-02-01', to: '1980-02-29' });
    expect(birthInterval('unknown')).toBeNull();
  });

  it('matches a range that overlaps what was recorded', () => {
    const april1980 = { from: '1980-04-01', to: '1980-04-30' };
    expect(bornInRange('1980', april1980)).toBe(true);
    expect(bornInRange('1980-04', april1980)).toBe(true);
    expect(bornInRange('1980-05-01', april1980)).toBe(false);
    expect(bornInRange('1979', { from: '1980-01-01', to: null })).toBe(false);
    expect(bornInRange(null, april1980)).toBe(false);
  });
});

describe('search terms and explanations', () => {
  it('folds the name into distinct tokens with their phonetic codes, and the document number', () => {
    const terms = personSearchTerms({
      name: 'Müller, Jürgen JÜRGEN',
      documentNumber: 'c01-x00 t47',
      bornFrom: '1975-06',
      offset: 0,
      limit: 10,
    });
    expect(terms.nameTokens).toEqual(['MULLER', 'JURGEN']);
    expect(terms.nameFolded).toBe('MULLER JURGEN');
    expect(terms.phoneticGroups).toEqual([['MLR'], ['JRJN', 'ARKN']]);
    expect(terms.documentNumber).toBe('C01X00T47');
    expect(terms.born).toEqual({ from: '1975-06-01', to: null });
  });

  it('explains with recorded values: EXACT over FUZZY, PHONETIC only when no exact name', () => {
    const document: PersonSearchDocument = {
      personId: 'p',
      names: ['Alexandr IVANOV', 'Aleksandr Ivanov'],
      nameTokens: ['ALEXANDR', 'IVANOV', 'ALEKSANDR'],
      phoneticKeys: ['ALKS', 'AFNF'],
      datesOfBirth: ['1980-03-14', '1980'],
      nationalities: ['rus'],
      documentNumbers: ['7244109931'],
      documents: [{ number: '7244109931', display: 'PASSPORT 72 4410 9931 RUS' }],
    };
    const all = {
      nameFuzzy: true,
      namePhonetic: true,
      born: true,
      nationality: true,
      document: true,
    };
    const exact = personSearchTerms({
      name: 'ivanov aleksandr',
      bornFrom: '1980-04',
      nationality: 'RUS',
      documentNumber: '72 4410 9931',
      offset: 0,
      limit: 10,
    });
    expect(explainPersonMatch(exact, document, all)).toEqual([
      { field: 'NAME', value: 'Aleksandr Ivanov', how: 'EXACT' },
      { field: 'DATE_OF_BIRTH', value: '1980', how: 'IN_RANGE' },
      { field: 'NATIONALITY', value: 'rus', how: 'EXACT' },
      { field: 'DOCUMENT', value: 'PASSPORT 72 4410 9931 RUS', how: 'EXACT' },
    ]);
    const variant = personSearchTerms({ name: 'Alexander Ivanof', offset: 0, limit: 10 });
    expect(explainPersonMatch(variant, document, { ...all, nameFuzzy: false })).toEqual([
      { field: 'NAME_PHONETIC', value: 'Alexandr IVANOV', how: 'PHONETIC' },
    ]);
    expect(explainPersonMatch(variant, document, { ...all, namePhonetic: false })).toEqual([
      { field: 'NAME', value: 'Alexandr IVANOV', how: 'FUZZY' },
    ]);
  });
});
