import { hubIdentifiers } from './identifiers';
import { surnameSpelling } from './names/recorded-name';
import type { SynthOptions } from './options';
import { BiometricBank, PopulationBuilder, type SynthPerson } from './population';
import { RecordFactory, type CaptureSample } from './records';
import type {
  FingerprintEnrollmentRecord,
  SeizureCaseRecord,
  TravelEncounterRecord,
  TruthCoincidence,
  TruthPerson,
  TruthRecord,
  TruthRelationship,
} from './record-types';
import { deriveSeed, Rng } from './rng';
import { TemplateModel } from './templates';

/** Everything generated for one block of people; blocks are independent of each other. */
export interface SynthBlock {
  index: number;
  persons: TruthPerson[];
  relationships: TruthRelationship[];
  coincidences: TruthCoincidence[];
  travel: TravelEncounterRecord[];
  seizure: SeizureCaseRecord[];
  fingerprint: FingerprintEnrollmentRecord[];
  truthRecords: TruthRecord[];
  /** Decoded captures of this block, for score statistics; not part of the output files. */
  samples: CaptureSample[];
}

export function blockCount(options: Pick<SynthOptions, 'persons' | 'blockSize'>): number {
  return Math.ceil(options.persons / options.blockSize);
}

/**
 * The synthetic population, one block at a time. Memory is bounded by one
 * block whatever `persons` is, and each block depends only on the seed, the
 * options and its index, so the output is byte-identical for the same inputs.
 */
export function* generateBlocks(options: SynthOptions): Generator<SynthBlock> {
  const model = new TemplateModel(options);
  const hubs = hubIdentifiers(new Rng(deriveSeed(options.seed, 0x4b5)));
  const builder = new PopulationBuilder(options);
  const factory = new RecordFactory(options, model, hubs);
  const blocks = blockCount(options);
  for (let b = 0; b < blocks; b++) {
    const first = b * options.blockSize;
    const count = Math.min(options.blockSize, options.persons - first);
    const population = builder.build(b, first, count);
    const bank = new BiometricBank(model, options, population.persons);
    const records = factory.build(b, population, bank);
    yield {
      index: b,
      persons: population.persons.map(truthPerson),
      relationships: population.relationships,
      coincidences: records.coincidences,
      travel: records.travel,
      seizure: records.seizure,
      fingerprint: records.fingerprint,
      truthRecords: records.truthRecords,
      samples: records.samples,
    };
  }
}

function truthPerson(person: SynthPerson): TruthPerson {
  return {
    personId: person.personId,
    group: person.group,
    sex: person.sex,
    dateOfBirth: person.dateOfBirth,
    nationalities: person.nationalities,
    givenName: person.name.given.canonical,
    middleName: person.name.middle?.canonical ?? null,
    surnames: person.name.surnames.map((s) =>
      surnameSpelling(person.nameData, s.canonical, person.name.female),
    ),
    biometricLookalikes: person.lookalikes,
  };
}
