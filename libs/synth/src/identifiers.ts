import type { DocumentRef } from './record-types';
import type { Rng } from './rng';

/** Country calling codes for the nationalities the name data uses (phones are E.164). */
const CALLING_CODES: Readonly<Record<string, string>> = {
  EGY: '20',
  MAR: '212',
  JOR: '962',
  SYR: '963',
  IRQ: '964',
  TUN: '216',
  LBN: '961',
  SAU: '966',
  CHN: '86',
  KOR: '82',
  VNM: '84',
  JPN: '81',
  TWN: '886',
  MEX: '52',
  COL: '57',
  ESP: '34',
  ARG: '54',
  PER: '51',
  VEN: '58',
  RUS: '7',
  UKR: '380',
  POL: '48',
  CZE: '420',
  BLR: '375',
  SRB: '381',
  IND: '91',
  PAK: '92',
  BGD: '880',
  LKA: '94',
  NPL: '977',
  NGA: '234',
  GHA: '233',
  SEN: '221',
  GIN: '224',
  CMR: '237',
  CIV: '225',
  GBR: '44',
  USA: '1',
  FRA: '33',
  DEU: '49',
  IRL: '353',
  NLD: '31',
  CAN: '1',
};

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const DIGITS = '0123456789';

function chars(rng: Rng, alphabet: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[rng.int(alphabet.length)];
  return out;
}

export function passportNumber(rng: Rng): string {
  return chars(rng, LETTERS, 2) + chars(rng, DIGITS, 7);
}

export function nationalIdNumber(rng: Rng): string {
  return chars(rng, DIGITS, 3) + '-' + chars(rng, DIGITS, 3) + '-' + chars(rng, DIGITS, 4);
}

/** A mobile number in E.164 (the subscriber part is random, 9 digits). */
export function phoneNumber(rng: Rng, nationality: string): string {
  const cc = CALLING_CODES[nationality] ?? '44';
  return `+${cc}${7 + rng.int(3)}${chars(rng, DIGITS, 8)}`;
}

/** How a clerk writes an E.164 number: as is, spaced, or with the 00 international prefix. */
export function recordPhone(rng: Rng, e164: string): string {
  const digits = e164.slice(1);
  switch (rng.int(4)) {
    case 0:
      return `00${digits}`;
    case 1:
      return `+${digits.slice(0, 2)} ${digits.slice(2, 6)} ${digits.slice(6)}`;
    default:
      return e164;
  }
}

const STREETS = [
  'Harbour',
  'Mill',
  'Station',
  'Orchard',
  'Quarry',
  'Linden',
  'Cedar',
  'Falcon',
  'Meadow',
  'Ferry',
  'Granite',
  'Willow',
  'Beacon',
  'Lantern',
  'Copper',
  'Juniper',
  'Heron',
  'Saffron',
  'Amber',
  'Cobalt',
];
const STREET_TYPES = ['Street', 'Road', 'Lane', 'Avenue', 'Way', 'Close'];
/** Fictional towns, so no generated address can be someone's real one. */
const TOWNS = [
  'Port Alden',
  'Westmere',
  'Calder Bay',
  'Northwick',
  'Ravensholm',
  'Easterby',
  'Loxley Vale',
  'Brindle',
  'Saltmarsh',
  'Kestrel Point',
  'Ambergate',
  'Thornbury Cross',
];

export function address(rng: Rng, country: string): string {
  return `${1 + rng.int(240)} ${rng.pick(STREETS)} ${rng.pick(STREET_TYPES)}, ${rng.pick(TOWNS)}, ${country}`;
}

export function vehiclePlate(rng: Rng): string {
  return `${chars(rng, LETTERS, 2)}${chars(rng, DIGITS, 2)} ${chars(rng, LETTERS, 3)}`;
}

const LOOKALIKE_CHARACTERS: Readonly<Record<string, string>> = {
  O: '0',
  '0': 'O',
  I: '1',
  '1': 'I',
  S: '5',
  '5': 'S',
  B: '8',
  '8': 'B',
  Z: '2',
  '2': 'Z',
};

/** A keying or OCR error in a document number: a confusable character, or two adjacent ones swapped. */
export function mistypeDocumentNumber(rng: Rng, value: string): string {
  const chars = [...value];
  const confusable = chars.flatMap((ch, i) => (LOOKALIKE_CHARACTERS[ch] ? [i] : []));
  if (confusable.length > 0 && rng.chance(0.5)) {
    const i = rng.pick(confusable);
    chars[i] = LOOKALIKE_CHARACTERS[chars[i] as string] as string;
    return chars.join('');
  }
  for (let attempt = 0; attempt < 8; attempt++) {
    const i = rng.int(chars.length - 1);
    if (
      chars[i] !== chars[i + 1] &&
      /[A-Z0-9]/.test(chars[i] as string) &&
      /[A-Z0-9]/.test(chars[i + 1] as string)
    ) {
      [chars[i], chars[i + 1]] = [chars[i + 1] as string, chars[i] as string];
      return chars.join('');
    }
  }
  chars[chars.length - 1] = chars[chars.length - 1] === '1' ? '7' : '1';
  return chars.join('');
}

/**
 * Identifiers that very many unrelated people record: a hotel's address on
 * booking data, a carrier's call-centre phone. Fixed per seed and shared by all
 * blocks, they are the coincidental ties link analysis must not report.
 */
export interface HubIdentifiers {
  hotelAddresses: readonly string[];
  callCentrePhones: readonly string[];
}

export function hubIdentifiers(rng: Rng): HubIdentifiers {
  const hotels = [
    'Grand Central Hotel',
    'Airport Lodge',
    'Harbour View Inn',
    'Station Hotel',
    'Parkside Suites',
  ];
  return {
    hotelAddresses: hotels.map(
      (h, i) => `${h}, ${1 + i} ${rng.pick(STREETS)} Road, ${rng.pick(TOWNS)}, GBR`,
    ),
    callCentrePhones: ['44', '33', '49'].map((cc) => `+${cc}800${chars(rng, DIGITS, 6)}`),
  };
}

export function primaryPassport(rng: Rng, nationality: string): DocumentRef {
  return { type: 'PASSPORT', number: passportNumber(rng), issuingCountry: nationality };
}
