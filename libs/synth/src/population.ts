import { isoDate, MS_PER_DAY, MS_PER_YEAR, parseIsoDate } from './dates';
import {
  address,
  nationalIdNumber,
  passportNumber,
  phoneNumber,
  vehiclePlate,
} from './identifiers';
import { REGION_NAME_DATA } from './names/name-data';
import {
  REGION_GROUPS,
  type NameEntry,
  type RegionGroup,
  type RegionNameData,
} from './names/name-types';
import type { TrueName } from './names/recorded-name';
import type { SynthOptions } from './options';
import type { DocumentRef, TruthRelationship } from './record-types';
import { deriveSeed, Rng, WeightedPicker } from './rng';
import type { FaceLatent, TemplateModel } from './templates';

/** A document a person held from `validFrom` on (a renewed passport replaces the old one). */
export interface HeldDocument extends DocumentRef {
  validFrom: number;
}

/** A false identity a network member sometimes travels or is booked under. */
export interface Alias {
  name: TrueName;
  nameData: RegionNameData;
  dateOfBirth: string;
  document: DocumentRef;
}

export interface SynthPerson {
  index: number;
  personId: string;
  group: RegionGroup;
  nameData: RegionNameData;
  sex: 'M' | 'F';
  birthTime: number;
  dateOfBirth: string;
  nationalities: string[];
  name: TrueName;
  documents: HeldDocument[];
  phones: string[];
  address: string;
  vehicle: string | null;
  alias: Alias | null;
  householdId: string | null;
  networkIds: string[];
  /** The person whose face this one's was derived from, for twins and lookalikes. */
  faceOrigin: { personId: string; kind: 'TWIN' | 'LOOKALIKE' } | null;
  lookalikes: { personId: string; kind: 'TWIN' | 'LOOKALIKE' }[];
}

export interface Household {
  id: string;
  members: SynthPerson[];
}

export interface Network {
  id: string;
  members: SynthPerson[];
  hub: SynthPerson;
  bridges: SynthPerson[];
  phones: string[];
  vehicle: string;
  stashAddress: string;
}

export interface Population {
  persons: SynthPerson[];
  households: Household[];
  networks: Network[];
  relationships: TruthRelationship[];
}

interface GroupPickers {
  male: WeightedPicker<NameEntry>;
  female: WeightedPicker<NameEntry>;
  surnames: WeightedPicker<NameEntry>;
  nationalities: WeightedPicker<{ code: string; weight: number }>;
}

const byWeight = (item: { weight: number }) => item.weight;

/**
 * Builds the people of one block and the structure among them: households
 * (shared surname, address, travel), associates (shared phone or vehicle),
 * criminal networks with a hub and bridges, twins and lookalikes. Everything
 * here is plain data; biometric latents are made on demand by `BiometricBank`.
 */
export class PopulationBuilder {
  private readonly groupPicker: WeightedPicker<RegionGroup>;
  private readonly pickers: ReadonlyMap<RegionGroup, GroupPickers>;
  private readonly referenceTime: number;

  constructor(private readonly options: SynthOptions) {
    this.groupPicker = new WeightedPicker(REGION_GROUPS, (g) => options.groupMix[g]);
    this.pickers = new Map(
      REGION_GROUPS.map((g) => {
        const data = REGION_NAME_DATA[g];
        return [
          g,
          {
            male: new WeightedPicker(data.given.male, byWeight),
            female: new WeightedPicker(data.given.female, byWeight),
            surnames: new WeightedPicker(data.surnames, byWeight),
            nationalities: new WeightedPicker(data.nationalities, byWeight),
          },
        ];
      }),
    );
    this.referenceTime = parseIsoDate(options.referenceDate);
  }

  build(blockIndex: number, firstIndex: number, count: number): Population {
    const rng = new Rng(deriveSeed(this.options.seed, 0xb10c, blockIndex));
    const persons: SynthPerson[] = [];
    const households: Household[] = [];
    const pop = this.options.population;
    const meanHouseholdSize = (pop.householdSize.min + pop.householdSize.max) / 2;
    // Probability that a person starts a household, so that about `householdRate` of people live in one.
    const h = pop.householdRate;
    const startRate = h >= 1 ? 1 : h / (meanHouseholdSize - h * meanHouseholdSize + h);

    while (persons.length < count) {
      const remaining = count - persons.length;
      const size = rng.intBetween(pop.householdSize.min, pop.householdSize.max);
      if (remaining >= 2 && rng.chance(startRate)) {
        const household = this.household(
          rng,
          firstIndex + persons.length,
          Math.min(size, remaining),
        );
        households.push(household);
        persons.push(...household.members);
      } else {
        persons.push(
          this.person(rng, firstIndex + persons.length, this.groupPicker.pick(rng), null),
        );
      }
    }

    this.addLookalikes(rng, persons);
    const relationships: TruthRelationship[] = households.map((hh) => ({
      kind: 'RELATIONSHIP',
      relationshipId: `REL-${hh.id}`,
      type: 'FAMILY',
      members: hh.members.map((m) => m.personId),
      sharedIdentifiers: [{ type: 'ADDRESS', value: hh.members[0]?.address as string }],
    }));
    relationships.push(...this.addAssociates(rng, blockIndex, persons));
    const networks = this.addNetworks(rng, blockIndex, persons);
    relationships.push(
      ...networks.map((n): TruthRelationship => ({
        kind: 'RELATIONSHIP',
        relationshipId: `REL-${n.id}`,
        type: 'CRIMINAL_NETWORK',
        members: n.members.map((m) => m.personId),
        hub: n.hub.personId,
        bridges: n.bridges.map((b) => b.personId),
        sharedIdentifiers: [
          ...n.phones.map((value) => ({ type: 'PHONE' as const, value })),
          { type: 'VEHICLE', value: n.vehicle },
          { type: 'ADDRESS', value: n.stashAddress },
        ],
      })),
    );
    return { persons, households, networks, relationships };
  }

  private person(
    rng: Rng,
    index: number,
    group: RegionGroup,
    overrides: {
      sex?: 'M' | 'F';
      birthTime?: number;
      surnames?: NameEntry[];
      address?: string;
    } | null,
  ): SynthPerson {
    const data = REGION_NAME_DATA[group];
    const pickers = this.pickers.get(group) as GroupPickers;
    const sex = overrides?.sex ?? (rng.chance(0.5) ? 'M' : 'F');
    const birthTime =
      overrides?.birthTime ??
      this.referenceTime - (18 + rng.next() * 62) * MS_PER_YEAR - rng.int(365) * MS_PER_DAY;
    const nationality = pickers.nationalities.pick(rng).code;
    const nationalities = [nationality];
    if (rng.chance(this.options.population.dualNationalityRate)) {
      const other = this.pickers.get(this.groupPicker.pick(rng))?.nationalities.pick(rng).code;
      if (other && other !== nationality) nationalities.push(other);
    }
    const name = this.trueName(rng, data, pickers, sex, overrides?.surnames);
    const windowStart = this.referenceTime - this.options.yearsOfRecords * MS_PER_YEAR;
    const documents: HeldDocument[] = nationalities.map((code) => ({
      type: 'PASSPORT',
      number: passportNumber(rng),
      issuingCountry: code,
      validFrom: windowStart - 5 * MS_PER_YEAR,
    }));
    // About half renew their first passport inside the record window: a new number for the same person.
    if (rng.chance(0.5)) {
      documents.push({
        type: 'PASSPORT',
        number: passportNumber(rng),
        issuingCountry: nationality,
        validFrom: windowStart + rng.next() * this.options.yearsOfRecords * MS_PER_YEAR,
      });
    }
    if (rng.chance(0.3)) {
      documents.push({
        type: 'NATIONAL_ID',
        number: nationalIdNumber(rng),
        issuingCountry: nationality,
        validFrom: windowStart - 5 * MS_PER_YEAR,
      });
    }
    return {
      index,
      personId: `P${String(index).padStart(8, '0')}`,
      group,
      nameData: data,
      sex,
      birthTime,
      dateOfBirth: isoDate(birthTime),
      nationalities,
      name,
      documents,
      phones: [phoneNumber(rng, nationality)],
      address: overrides?.address ?? address(rng, nationality),
      vehicle: rng.chance(0.35) ? vehiclePlate(rng) : null,
      alias: null,
      householdId: null,
      networkIds: [],
      faceOrigin: null,
      lookalikes: [],
    };
  }

  private trueName(
    rng: Rng,
    data: RegionNameData,
    pickers: GroupPickers,
    sex: 'M' | 'F',
    surnames?: NameEntry[],
  ): TrueName {
    const givenPicker = sex === 'M' ? pickers.male : pickers.female;
    const given = givenPicker.pick(rng);
    let middle: NameEntry | null = null;
    if (rng.chance(data.middleNameRate)) {
      // A middle name that repeats the first reads as one name; draw again once.
      const candidate = givenPicker.pick(rng);
      middle = candidate.canonical !== given.canonical ? candidate : null;
    }
    const ownSurnames =
      surnames ??
      (data.surnameStyle === 'double'
        ? [pickers.surnames.pick(rng), pickers.surnames.pick(rng)]
        : [pickers.surnames.pick(rng)]);
    return { given, middle, surnames: ownSurnames, female: sex === 'F' };
  }

  private household(rng: Rng, firstIndex: number, size: number): Household {
    const group = this.groupPicker.pick(rng);
    const data = REGION_NAME_DATA[group];
    const pickers = this.pickers.get(group) as GroupPickers;
    const id = `HH${String(firstIndex).padStart(8, '0')}`;
    const home = address(rng, pickers.nationalities.pick(rng).code);
    const fatherBirth =
      this.referenceTime - (30 + rng.next() * 40) * MS_PER_YEAR - rng.int(365) * MS_PER_DAY;
    const father = this.person(rng, firstIndex, group, {
      sex: 'M',
      birthTime: fatherBirth,
      address: home,
    });
    const motherBirth = fatherBirth + (rng.next() * 8 - 3) * MS_PER_YEAR;
    const keepsOwnSurname = data.surnameStyle === 'double' || rng.chance(0.4);
    const mother = this.person(rng, firstIndex + 1, group, {
      sex: 'F',
      birthTime: motherBirth,
      address: home,
      ...(keepsOwnSurname ? {} : { surnames: father.name.surnames }),
    });
    const members = [father, mother];
    const childSurnames =
      data.surnameStyle === 'double'
        ? [father.name.surnames[0] as NameEntry, mother.name.surnames[0] as NameEntry]
        : father.name.surnames;
    const youngestParent = Math.max(fatherBirth, motherBirth);
    for (let i = 2; i < size; i++) {
      const previous = members[members.length - 1] as SynthPerson;
      const twin = i > 2 && rng.chance(Math.min(1, this.options.population.twinRate * 8));
      const birthTime = twin
        ? previous.birthTime
        : Math.min(
            this.referenceTime - 30 * MS_PER_DAY,
            youngestParent + (18 + rng.next() * 22) * MS_PER_YEAR,
          );
      const child = this.person(rng, firstIndex + i, group, {
        ...(twin ? { sex: previous.sex } : {}),
        birthTime,
        address: home,
        surnames: childSurnames,
      });
      if (twin) {
        child.faceOrigin = { personId: previous.personId, kind: 'TWIN' };
        previous.lookalikes.push({ personId: child.personId, kind: 'TWIN' });
        child.lookalikes.push({ personId: previous.personId, kind: 'TWIN' });
      }
      members.push(child);
    }
    for (const member of members) member.householdId = id;
    // The household shares one landline-style contact number besides each member's own.
    const sharedPhone = father.phones[0] as string;
    for (const member of members.slice(1)) {
      if (member.birthTime < this.referenceTime - 16 * MS_PER_YEAR) member.phones.push(sharedPhone);
    }
    return { id, members };
  }

  /**
   * Gives about `lookalikeRate` of people a face derived from another person
   * of the same group outside their household. A face is only ever derived
   * from one that is not itself derived yet, so chains stay acyclic.
   */
  private addLookalikes(rng: Rng, persons: SynthPerson[]): void {
    const rate = this.options.population.lookalikeRate;
    const byGroup = new Map<RegionGroup, SynthPerson[]>();
    for (const p of persons) {
      const list = byGroup.get(p.group) ?? [];
      list.push(p);
      byGroup.set(p.group, list);
    }
    for (const person of persons) {
      if (person.faceOrigin || !rng.chance(rate)) continue;
      const candidates = byGroup.get(person.group) as SynthPerson[];
      for (let attempt = 0; attempt < 5; attempt++) {
        const other = rng.pick(candidates);
        const sameHousehold =
          person.householdId !== null && other.householdId === person.householdId;
        if (other === person || other.faceOrigin || sameHousehold) continue;
        person.faceOrigin = { personId: other.personId, kind: 'LOOKALIKE' };
        person.lookalikes.push({ personId: other.personId, kind: 'LOOKALIKE' });
        other.lookalikes.push({ personId: person.personId, kind: 'LOOKALIKE' });
        break;
      }
    }
  }

  private addAssociates(rng: Rng, blockIndex: number, persons: SynthPerson[]): TruthRelationship[] {
    const pop = this.options.population;
    const meanSize = (pop.associateGroupSize.min + pop.associateGroupSize.max) / 2;
    const groups = Math.round((persons.length * pop.associateGroupRate) / meanSize);
    const relationships: TruthRelationship[] = [];
    for (let g = 0; g < groups; g++) {
      const size = rng.intBetween(pop.associateGroupSize.min, pop.associateGroupSize.max);
      const members = distinctSample(rng, persons, size).filter((p) => this.isAdult(p));
      if (members.length < 2) continue;
      const first = members[0] as SynthPerson;
      const sharesVehicle = rng.chance(0.4);
      const shared = sharesVehicle
        ? (first.vehicle ?? vehiclePlate(rng))
        : (first.phones[0] as string);
      for (const member of members) {
        if (sharesVehicle) member.vehicle = shared;
        else if (!member.phones.includes(shared)) member.phones.push(shared);
      }
      relationships.push({
        kind: 'RELATIONSHIP',
        relationshipId: `REL-AG${blockIndex}-${g}`,
        type: 'ASSOCIATES',
        members: members.map((m) => m.personId),
        sharedIdentifiers: [{ type: sharesVehicle ? 'VEHICLE' : 'PHONE', value: shared }],
      });
    }
    return relationships;
  }

  private addNetworks(rng: Rng, blockIndex: number, persons: SynthPerson[]): Network[] {
    const pop = this.options.population;
    const meanSize = (pop.networkSize.min + pop.networkSize.max) / 2;
    const count = Math.round((persons.length * pop.networkRate) / meanSize);
    const adults = persons.filter((p) => this.isAdult(p));
    const networks: Network[] = [];
    for (let n = 0; n < count; n++) {
      const size = rng.intBetween(pop.networkSize.min, pop.networkSize.max);
      const members = distinctSample(
        rng,
        adults.filter((p) => p.networkIds.length === 0),
        size,
      );
      const bridges: SynthPerson[] = [];
      const previous = networks[networks.length - 1];
      if (previous && rng.chance(pop.networkBridgeRate)) {
        const bridge = rng.pick(previous.members.filter((m) => m !== previous.hub));
        members.push(bridge);
        bridges.push(bridge);
        previous.bridges.push(bridge);
      }
      if (members.length < 2) continue;
      const id = `NW${blockIndex}-${n}`;
      const hub = members[0] as SynthPerson;
      const network: Network = {
        id,
        members,
        hub,
        bridges,
        phones: [
          phoneNumber(rng, hub.nationalities[0] as string),
          phoneNumber(rng, hub.nationalities[0] as string),
        ],
        vehicle: vehiclePlate(rng),
        stashAddress: address(rng, hub.nationalities[0] as string),
      };
      for (const member of members) {
        member.networkIds.push(id);
        if (!member.alias && rng.chance(pop.aliasRate)) member.alias = this.alias(rng, member);
      }
      networks.push(network);
    }
    return networks;
  }

  private alias(rng: Rng, person: SynthPerson): Alias {
    // Often a name from another group: a bought or borrowed identity.
    const group = rng.chance(0.5) ? person.group : this.groupPicker.pick(rng);
    const data = REGION_NAME_DATA[group];
    const pickers = this.pickers.get(group) as GroupPickers;
    const nationality = pickers.nationalities.pick(rng).code;
    return {
      name: this.trueName(rng, data, pickers, person.sex),
      nameData: data,
      dateOfBirth: isoDate(person.birthTime + (rng.next() * 6 - 3) * MS_PER_YEAR),
      document: { type: 'PASSPORT', number: passportNumber(rng), issuingCountry: nationality },
    };
  }

  private isAdult(person: SynthPerson): boolean {
    const windowStart = this.referenceTime - this.options.yearsOfRecords * MS_PER_YEAR;
    return person.birthTime < windowStart - 18 * MS_PER_YEAR;
  }
}

function distinctSample<T>(rng: Rng, items: readonly T[], size: number): T[] {
  if (items.length <= size) return [...items];
  const chosen = new Set<number>();
  while (chosen.size < size) chosen.add(rng.int(items.length));
  return [...chosen].map((i) => items[i] as T);
}

/** Biometric latents, made only for people who are captured, and reproducible per person. */
export class BiometricBank {
  private readonly faces = new Map<string, FaceLatent>();
  private readonly fingers = new Map<string, Float32Array[]>();
  private readonly byId: ReadonlyMap<string, SynthPerson>;

  constructor(
    private readonly model: TemplateModel,
    private readonly options: SynthOptions,
    persons: readonly SynthPerson[],
  ) {
    this.byId = new Map(persons.map((p) => [p.personId, p]));
  }

  face(person: SynthPerson): FaceLatent {
    const existing = this.faces.get(person.personId);
    if (existing) return existing;
    const rng = new Rng(deriveSeed(this.options.seed, 0xface, person.index));
    const anchor =
      parseIsoDate(this.options.referenceDate) - (this.options.yearsOfRecords / 2) * MS_PER_YEAR;
    let latent: FaceLatent;
    const origin = person.faceOrigin ? this.byId.get(person.faceOrigin.personId) : undefined;
    if (person.faceOrigin && origin) {
      const distance =
        person.faceOrigin.kind === 'TWIN'
          ? this.options.face.twinDistance
          : this.options.face.lookalikeDistance;
      latent = this.model.relatedFaceLatent(rng, this.face(origin), distance, person.birthTime);
    } else {
      latent = this.model.faceLatent(rng, person.group, person.birthTime, anchor);
    }
    this.faces.set(person.personId, latent);
    return latent;
  }

  fingerSet(person: SynthPerson): Float32Array[] {
    const existing = this.fingers.get(person.personId);
    if (existing) return existing;
    const latents = this.model.fingerLatents(
      new Rng(deriveSeed(this.options.seed, 0xf1a9, person.index)),
    );
    this.fingers.set(person.personId, latents);
    return latents;
  }
}
