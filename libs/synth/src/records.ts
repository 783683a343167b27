import { isoDateTime, MS_PER_DAY, MS_PER_YEAR, parseIsoDate, recordDateOfBirth } from './dates';
import { mistypeDocumentNumber, recordPhone, type HubIdentifiers } from './identifiers';
import { recordName } from './names/recorded-name';
import type { SynthOptions } from './options';
import type { BiometricBank, Population, SynthPerson } from './population';
import type {
  Direction,
  Distortion,
  DocumentRef,
  EnrollmentReason,
  FaceCapture,
  FingerCapture,
  FingerPosition,
  FingerprintEnrollmentRecord,
  ItemCategory,
  MissingFingerReason,
  RecordedPerson,
  SeizureCaseRecord,
  SeizureSubject,
  SubjectRole,
  TravelEncounterRecord,
  TruthCoincidence,
  TruthRecord,
} from './record-types';
import { deriveSeed, Rng } from './rng';
import { encodeTemplate, type TemplateModel } from './templates';

/** Busy ports and carriers: public infrastructure codes, not personal data. */
const PORTS = [
  'LHR',
  'CDG',
  'FRA',
  'AMS',
  'MAD',
  'IST',
  'DXB',
  'JFK',
  'YYZ',
  'MEX',
  'BOG',
  'LOS',
  'DEL',
  'PEK',
  'ICN',
];
const CARRIERS = ['MZ', 'QV', 'XA', 'KJ', 'TR', 'WL'];
const AGENCIES = [
  'BORDER_FORCE',
  'CUSTOMS',
  'NATIONAL_POLICE',
  'COAST_GUARD',
  'IMMIGRATION_SERVICE',
];
const ITEM_UNITS: Readonly<Record<ItemCategory, [string, number]>> = {
  NARCOTICS: ['kg', 25],
  CURRENCY: ['EUR', 250_000],
  WEAPON: ['pcs', 6],
  FRAUDULENT_DOCUMENT: ['pcs', 30],
  WILDLIFE: ['kg', 80],
  TOBACCO: ['cartons', 400],
};

/** A face or finger-set capture kept in memory for the score summary (never written as such). */
export interface CaptureSample {
  personId: string;
  group: SynthPerson['group'];
  recordId: string;
  /** Twins and lookalikes of this person: impostors by identity, but not ordinary ones. */
  related: readonly string[];
  face: Float32Array | null;
  fingers: Map<FingerPosition, Float32Array> | null;
}

export interface BlockRecords {
  travel: TravelEncounterRecord[];
  seizure: SeizureCaseRecord[];
  fingerprint: FingerprintEnrollmentRecord[];
  truthRecords: TruthRecord[];
  coincidences: TruthCoincidence[];
  samples: CaptureSample[];
}

interface Timed<T> {
  at: number;
  record: T;
}

/**
 * Turns one block's population into source records: trips (families and
 * couriers travel together), seizure cases built around networks, and
 * fingerprint enrollments, each with names, dates and documents as a clerk
 * recorded them and templates captured at the record's time and quality.
 */
export class RecordFactory {
  private readonly referenceTime: number;
  private readonly windowStart: number;
  private rng!: Rng;
  private counter = 0;
  private out!: BlockRecords;
  private blockTag = '';
  private blockIndex = 0;
  private issued: { personId: string; number: string }[] = [];
  private hubUse = new Map<string, { type: 'PHONE' | 'ADDRESS'; persons: Set<string> }>();

  constructor(
    private readonly options: SynthOptions,
    private readonly model: TemplateModel,
    private readonly hubs: HubIdentifiers,
  ) {
    this.referenceTime = parseIsoDate(options.referenceDate);
    this.windowStart = this.referenceTime - options.yearsOfRecords * MS_PER_YEAR;
  }

  build(blockIndex: number, population: Population, bank: BiometricBank): BlockRecords {
    this.rng = new Rng(deriveSeed(this.options.seed, 0x4ec0, blockIndex));
    this.counter = 0;
    this.blockTag = String(blockIndex).padStart(5, '0');
    this.blockIndex = blockIndex;
    this.hubUse = new Map();
    this.issued = [];
    this.out = {
      travel: [],
      seizure: [],
      fingerprint: [],
      truthRecords: [],
      coincidences: [],
      samples: [],
    };
    const travel: Timed<TravelEncounterRecord>[] = [];
    const seizure: Timed<SeizureCaseRecord>[] = [];
    const fingerprint: Timed<FingerprintEnrollmentRecord>[] = [];

    this.trips(population, bank, travel);
    this.cases(population, bank, seizure);
    this.enrollments(population, bank, fingerprint);

    const byTime = <T extends { recordId: string }>(a: Timed<T>, b: Timed<T>) =>
      a.at - b.at || (a.record.recordId < b.record.recordId ? -1 : 1);
    this.out.travel = travel.sort(byTime).map((t) => t.record);
    this.out.seizure = seizure.sort(byTime).map((t) => t.record);
    this.out.fingerprint = fingerprint.sort(byTime).map((t) => t.record);
    for (const [value, use] of [...this.hubUse.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      this.out.coincidences.push({
        kind: 'COINCIDENCE',
        identifierType: use.type,
        value,
        personIds: [...use.persons].sort(),
        note:
          use.type === 'PHONE'
            ? 'carrier call-centre phone on booking data'
            : 'hotel address on booking data',
      });
    }
    return this.out;
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.blockTag}${String(this.counter).padStart(6, '0')}`;
  }

  private timeIn(from: number, to: number): number {
    return from + this.rng.next() * Math.max(0, to - from);
  }

  /** Earliest time a person can appear in records (born, and old enough for the source). */
  private earliest(person: SynthPerson, minAgeYears: number): number {
    return Math.max(this.windowStart, person.birthTime + minAgeYears * MS_PER_YEAR + MS_PER_DAY);
  }

  // ---------------------------------------------------------------- travel

  private trips(
    population: Population,
    bank: BiometricBank,
    out: Timed<TravelEncounterRecord>[],
  ): void {
    const t = this.options.travel;
    for (const household of population.households) {
      if (!this.rng.chance(t.participation)) continue;
      const familyTrips = this.rng.poisson(t.meanTrips * t.householdTripRate);
      const youngest = Math.max(...household.members.map((m) => m.birthTime));
      for (let i = 0; i < familyTrips; i++) {
        const at = this.timeIn(
          Math.max(this.windowStart, youngest + 30 * MS_PER_DAY),
          this.referenceTime - 20 * MS_PER_DAY,
        );
        this.trip(household.members, at, bank, out, false);
      }
    }
    for (const person of population.persons) {
      if (!this.rng.chance(t.participation)) continue;
      const mean = person.householdId ? t.meanTrips * (1 - t.householdTripRate) : t.meanTrips;
      const solo = Math.max(person.householdId ? 0 : 1, this.rng.poisson(mean));
      for (let i = 0; i < solo; i++) {
        const at = this.timeIn(this.earliest(person, 0), this.referenceTime - 20 * MS_PER_DAY);
        this.trip([person], at, bank, out, person.alias !== null && this.rng.chance(0.3));
      }
    }
    for (const network of population.networks) {
      // Courier runs: two or three members on the same flights.
      const runs = this.rng.poisson(1.5);
      for (let i = 0; i < runs; i++) {
        const crew = [network.members[this.rng.int(network.members.length)] as SynthPerson];
        const other = network.members[this.rng.int(network.members.length)] as SynthPerson;
        if (other !== crew[0]) crew.push(other);
        const at = this.timeIn(this.windowStart, this.referenceTime - 20 * MS_PER_DAY);
        this.trip(crew, at, bank, out, true);
      }
    }
  }

  /** An outbound departure and, days later, the inbound arrival, on the same flights for everyone on the trip. */
  private trip(
    travellers: readonly SynthPerson[],
    departAt: number,
    bank: BiometricBank,
    out: Timed<TravelEncounterRecord>[],
    mayUseAlias: boolean,
  ): void {
    const home = this.rng.pick(PORTS);
    const carrier = this.rng.pick(CARRIERS);
    const outbound = `${carrier}${String(100 + this.rng.int(900))}`;
    const inbound = `${carrier}${String(100 + this.rng.int(900))}`;
    const returnAt = departAt + (2 + this.rng.int(18)) * MS_PER_DAY;
    const legs: [Direction, string, number][] = [
      ['DEPARTURE', outbound, departAt],
      ['ARRIVAL', inbound, returnAt],
    ];
    for (const person of travellers) {
      const useAlias = mayUseAlias && person.alias !== null && this.rng.chance(0.5);
      for (const [direction, flight, legTime] of legs) {
        const at = legTime + this.rng.int(40) * 60_000;
        out.push({
          at,
          record: this.encounter(person, home, direction, carrier, flight, at, bank, useAlias),
        });
      }
    }
  }

  private encounter(
    person: SynthPerson,
    port: string,
    direction: Direction,
    carrier: string,
    flight: string,
    at: number,
    bank: BiometricBank,
    useAlias: boolean,
  ): TravelEncounterRecord {
    const t = this.options.travel;
    const recordId = this.nextId('TE');
    const distortions: Distortion[] = [];
    const { recorded, document } = this.recordedIdentity(person, at, useAlias, distortions);
    let contact: TravelEncounterRecord['contact'] = null;
    if (this.rng.chance(t.contactRate)) {
      let phone: string | null = recordPhone(this.rng, person.phones[0] as string);
      let addr: string | null = person.address;
      if (this.rng.chance(t.callCentrePhoneRate))
        phone = this.hub('PHONE', this.rng.pick(this.hubs.callCentrePhones), person);
      if (this.rng.chance(t.hotelAddressRate))
        addr = this.hub('ADDRESS', this.rng.pick(this.hubs.hotelAddresses), person);
      if (this.rng.chance(0.2)) phone = null;
      if (this.rng.chance(0.3)) addr = null;
      contact = { phone, address: addr };
    }
    const face = this.rng.chance(t.faceCaptureRate)
      ? this.faceCapture(person, at, bank, recordId)
      : null;
    this.truth('travel', recordId, null, person, distortions);
    return {
      recordId,
      encounteredAt: isoDateTime(at),
      port,
      direction,
      carrier,
      flight,
      document,
      traveler: recorded,
      contact,
      face,
    };
  }

  private hub(type: 'PHONE' | 'ADDRESS', value: string, person: SynthPerson): string {
    const use = this.hubUse.get(value) ?? { type, persons: new Set<string>() };
    use.persons.add(person.personId);
    this.hubUse.set(value, use);
    return value;
  }

  // ---------------------------------------------------------------- seizure

  private cases(
    population: Population,
    bank: BiometricBank,
    out: Timed<SeizureCaseRecord>[],
  ): void {
    for (const network of population.networks) {
      const count = this.rng.poisson(this.options.seizure.casesPerNetwork);
      for (let i = 0; i < count; i++) {
        const size = Math.min(network.members.length, 1 + this.rng.int(4));
        const involved = new Set<SynthPerson>();
        // The hub is behind a share of cases, but less often in the room than couriers.
        if (this.rng.chance(0.3)) involved.add(network.hub);
        while (involved.size < size)
          involved.add(network.members[this.rng.int(network.members.length)] as SynthPerson);
        out.push(
          this.seizureCase([...involved], network.hub, bank, {
            phones: network.phones,
            vehicle: network.vehicle,
            stash: network.stashAddress,
          }),
        );
      }
    }
    for (const person of population.persons) {
      if (person.networkIds.length > 0 || !this.rng.chance(this.options.seizure.loneCaseRate))
        continue;
      if (person.birthTime > this.referenceTime - 18 * MS_PER_YEAR) continue;
      out.push(this.seizureCase([person], null, bank, null));
    }
  }

  private seizureCase(
    subjects: SynthPerson[],
    hub: SynthPerson | null,
    bank: BiometricBank,
    shared: { phones: string[]; vehicle: string; stash: string } | null,
  ): Timed<SeizureCaseRecord> {
    const s = this.options.seizure;
    const earliest = Math.max(...subjects.map((p) => this.earliest(p, 18)));
    const openedAt = this.timeIn(earliest, this.referenceTime - MS_PER_DAY);
    const recordId = this.nextId('SC');
    const year = new Date(openedAt).getUTCFullYear();
    const port = this.rng.chance(0.7) ? this.rng.pick(PORTS) : null;
    const events: SeizureCaseRecord['events'] = [];
    const eventCount = 1 + this.rng.int(3);
    for (let i = 0; i < eventCount; i++) {
      const type = i === 0 ? 'SEIZURE' : this.rng.pick(['APPREHENSION', 'INTERDICTION'] as const);
      events.push({
        eventId: `${recordId}-E${i + 1}`,
        type,
        occurredAt: isoDateTime(openedAt + i * this.rng.int(5) * MS_PER_DAY),
        port,
        location: port
          ? `${port} ${this.rng.pick(['cargo terminal', 'arrivals hall', 'car park', 'mail centre'])}`
          : 'inland checkpoint',
      });
    }
    const items: SeizureCaseRecord['items'] = [];
    const itemCount = 1 + this.rng.int(3);
    for (let i = 0; i < itemCount; i++) {
      const category = this.rng.pick(Object.keys(ITEM_UNITS) as ItemCategory[]);
      const [unit, max] = ITEM_UNITS[category];
      items.push({
        itemId: `${recordId}-I${i + 1}`,
        category,
        description: `${category.toLowerCase().replace('_', ' ')} concealed in ${this.rng.pick(['luggage', 'vehicle panels', 'parcels', 'clothing', 'cargo pallets'])}`,
        quantity: Math.max(1, Math.round(this.rng.next() * max * 10) / 10),
        unit,
      });
    }
    const caseSubjects: SeizureSubject[] = subjects.map((person, i) => {
      const subjectId = `${recordId}-S${i + 1}`;
      const distortions: Distortion[] = [];
      const useAlias = person.alias !== null && this.rng.chance(0.5);
      const { recorded, document } = this.recordedIdentity(
        person,
        openedAt,
        useAlias,
        distortions,
        this.options.dates.missingRate * 4,
        i + 1,
      );
      const phones = person.phones.slice(0, 1).map((p) => recordPhone(this.rng, p));
      const addresses = [person.address];
      const vehicles = person.vehicle ? [person.vehicle] : [];
      if (shared) {
        if (this.rng.chance(0.7)) phones.push(recordPhone(this.rng, this.rng.pick(shared.phones)));
        if (this.rng.chance(0.4)) vehicles.push(shared.vehicle);
        if (this.rng.chance(0.3)) addresses.push(shared.stash);
      }
      const role: SubjectRole =
        person === hub
          ? 'ORGANIZER'
          : vehicles.length > 0 && this.rng.chance(0.3)
            ? 'DRIVER'
            : this.rng.pick(['SUSPECT', 'COURIER', 'ASSOCIATE'] as const);
      const face = this.rng.chance(s.bookingPhotoRate)
        ? this.faceCapture(person, openedAt, bank, subjectId)
        : null;
      const fingerprints = this.rng.chance(s.printsRate)
        ? this.fingerCaptures(person, bank, subjectId).fingers
        : null;
      this.truth('seizure', subjectId, recordId, person, distortions);
      return {
        subjectId,
        role,
        ...recorded,
        identifiers: {
          phones: unique(phones),
          addresses: unique(addresses),
          vehicles: unique(vehicles),
          documents: document ? [document] : [],
        },
        face,
        fingerprints,
      };
    });
    const totals = items
      .map((i) => `${i.quantity} ${i.unit} of ${i.category.toLowerCase().replace('_', ' ')}`)
      .join(', ');
    return {
      at: openedAt,
      record: {
        recordId,
        caseNumber: `SZ-${year}-${this.blockTag}${String(this.counter).padStart(6, '0')}`,
        agency: this.rng.pick(AGENCIES),
        openedAt: isoDateTime(openedAt),
        narrative: `${subjects.length} subject(s) stopped${port ? ` at ${port}` : ''}; seized ${totals}.`,
        events,
        subjects: caseSubjects,
        items,
      },
    };
  }

  // ---------------------------------------------------------------- fingerprint

  private enrollments(
    population: Population,
    bank: BiometricBank,
    out: Timed<FingerprintEnrollmentRecord>[],
  ): void {
    const f = this.options.fingerprint;
    for (const person of population.persons) {
      const inNetwork = person.networkIds.length > 0;
      if (!this.rng.chance(inNetwork ? Math.min(1, f.participation * 2.5) : f.participation))
        continue;
      const count = Math.max(1, this.rng.poisson(f.meanEnrollments));
      const earliest = this.earliest(person, 14);
      if (earliest >= this.referenceTime - MS_PER_DAY) continue;
      for (let i = 0; i < count; i++) {
        const at = this.timeIn(earliest, this.referenceTime - MS_PER_DAY);
        out.push({ at, record: this.enrollment(person, at, bank, inNetwork) });
      }
    }
  }

  private enrollment(
    person: SynthPerson,
    at: number,
    bank: BiometricBank,
    inNetwork: boolean,
  ): FingerprintEnrollmentRecord {
    const f = this.options.fingerprint;
    const recordId = this.nextId('FE');
    const distortions: Distortion[] = [];
    const useAlias = person.alias !== null && this.rng.chance(0.3);
    const { recorded } = this.recordedIdentity(person, at, useAlias, distortions);
    const reasons: EnrollmentReason[] = inNetwork
      ? ['ARREST', 'ARREST', 'BORDER_ENCOUNTER', 'VISA_APPLICATION']
      : ['VISA_APPLICATION', 'BORDER_ENCOUNTER', 'RESIDENCE_PERMIT', 'ASYLUM_CLAIM', 'ARREST'];
    const unusable = this.rng.chance(f.noUsableBiometricRate);
    const face =
      !unusable && this.rng.chance(f.faceCaptureRate)
        ? this.faceCapture(person, at, bank, recordId)
        : null;
    const captured = unusable
      ? {
          fingers: [],
          missing: allPositions().map((position) => ({ position, reason: 'UNPRINTABLE' as const })),
        }
      : this.fingerCaptures(person, bank, recordId);
    this.truth('fingerprint', recordId, null, person, distortions);
    return {
      recordId,
      enrollmentId: `ENR-${this.blockTag}-${String(this.counter).padStart(6, '0')}`,
      enrolledAt: isoDateTime(at),
      agency: this.rng.pick(AGENCIES),
      reason: this.rng.pick(reasons),
      subject: recorded,
      fingers: captured.fingers,
      missingFingers: captured.missing,
      face,
    };
  }

  // ---------------------------------------------------------------- shared pieces

  private recordedIdentity(
    person: SynthPerson,
    at: number,
    useAlias: boolean,
    distortions: Distortion[],
    missingDobRate = this.options.dates.missingRate,
    salt = 0,
  ): { recorded: RecordedPerson; document: DocumentRef | null } {
    const identity = useAlias && person.alias ? person.alias : null;
    if (identity) distortions.push('ALIAS');
    // Its own stream per record: changing a distortion rate leaves everything else as it was.
    const rng = new Rng(deriveSeed(this.options.seed, 0xd157, this.blockIndex, this.counter, salt));
    const name = recordName(
      rng,
      identity?.nameData ?? person.nameData,
      identity?.name ?? person.name,
      this.options.names,
    );
    distortions.push(...name.distortions);
    const dob = recordDateOfBirth(rng, identity?.dateOfBirth ?? person.dateOfBirth, {
      ...this.options.dates,
      missingRate: missingDobRate,
    });
    distortions.push(...dob.distortions);
    let document: DocumentRef | null = identity
      ? { ...identity.document }
      : this.documentAt(person, at);
    if (document && rng.chance(this.options.documents.mistypeRate)) {
      document = { ...document, number: mistypeDocumentNumber(rng, document.number) };
      distortions.push('DOCUMENT_MISTYPED');
    }
    if (document && rng.chance(this.options.documents.recycledRate)) {
      // A number already recorded for someone else (a reissued series, or a clerk's copy-paste).
      const other = this.issued.filter((d) => d.personId !== person.personId);
      if (other.length > 0) {
        document = { ...document, number: rng.pick(other).number };
        distortions.push('DOCUMENT_RECYCLED');
      }
    }
    if (document && this.issued.length < 4096)
      this.issued.push({ personId: person.personId, number: document.number });
    const nationality = document?.issuingCountry ?? person.nationalities[0] ?? null;
    return {
      recorded: {
        givenNames: name.givenNames,
        surname: name.surname,
        dateOfBirth: dob.value,
        sex: rng.chance(0.01) ? null : person.sex,
        nationality,
      },
      document,
    };
  }

  /** The passport in use at `at` (a renewal replaces the earlier one), sometimes another held document. */
  private documentAt(person: SynthPerson, at: number): DocumentRef | null {
    const valid = person.documents.filter((d) => d.validFrom <= at);
    if (valid.length === 0) return null;
    const passports = valid.filter((d) => d.type === 'PASSPORT');
    const pool = passports.length > 0 && this.rng.chance(0.9) ? passports : valid;
    const chosen =
      person.nationalities.length > 1 && this.rng.chance(0.3) ? this.rng.pick(pool) : latest(pool);
    return { type: chosen.type, number: chosen.number, issuingCountry: chosen.issuingCountry };
  }

  private faceCapture(
    person: SynthPerson,
    at: number,
    bank: BiometricBank,
    recordId: string,
  ): FaceCapture {
    const quality = this.model.faceQuality(this.rng);
    const vector = this.model.captureFace(this.rng, bank.face(person), person.group, quality, at);
    this.sample(person, recordId).face = vector;
    return { template: encodeTemplate(vector), quality, capturedAt: isoDateTime(at) };
  }

  private fingerCaptures(
    person: SynthPerson,
    bank: BiometricBank,
    recordId: string,
  ): {
    fingers: FingerCapture[];
    missing: { position: FingerPosition; reason: MissingFingerReason }[];
  } {
    const latents = bank.fingerSet(person);
    const fingers: FingerCapture[] = [];
    const missing: { position: FingerPosition; reason: MissingFingerReason }[] = [];
    const sample = new Map<FingerPosition, Float32Array>();
    for (const position of allPositions()) {
      if (this.rng.chance(this.options.fingerprint.missingFingerRate)) {
        missing.push({
          position,
          reason: this.rng.pick(['AMPUTATED', 'BANDAGED', 'UNPRINTABLE'] as const),
        });
        continue;
      }
      const quality = this.model.fingerQuality(this.rng);
      const vector = this.model.captureFinger(
        this.rng,
        latents[position - 1] as Float32Array,
        quality,
      );
      sample.set(position, vector);
      fingers.push({ position, template: encodeTemplate(vector), quality });
    }
    this.sample(person, recordId).fingers = sample;
    return { fingers, missing };
  }

  private sample(
    person: SynthPerson,
    recordId: string,
  ): { face: Float32Array | null; fingers: Map<FingerPosition, Float32Array> | null } {
    let entry = this.out.samples[this.out.samples.length - 1];
    if (!entry || entry.recordId !== recordId) {
      entry = {
        personId: person.personId,
        group: person.group,
        recordId,
        related: person.lookalikes.map((l) => l.personId),
        face: null,
        fingers: null,
      };
      this.out.samples.push(entry);
    }
    return entry;
  }

  private truth(
    source: TruthRecord['source'],
    recordId: string,
    containerId: string | null,
    person: SynthPerson,
    distortions: Distortion[],
  ): void {
    this.out.truthRecords.push({
      source,
      recordId,
      containerId,
      personId: person.personId,
      distortions,
    });
  }
}

function allPositions(): FingerPosition[] {
  return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
}

function latest<T extends { validFrom: number }>(items: readonly T[]): T {
  return items.reduce((a, b) => (b.validFrom > a.validFrom ? b : a));
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
