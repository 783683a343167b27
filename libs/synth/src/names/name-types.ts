/**
 * Region-of-origin groups. A group drives name generation (which name pools,
 * which transliteration habits) and face-template noise. The groups are
 * synthetic modelling buckets, not a claim about any real population.
 */
export const REGION_GROUPS = [
  'ARABIC',
  'EAST_ASIAN',
  'HISPANIC',
  'SLAVIC',
  'SOUTH_ASIAN',
  'WEST_AFRICAN',
  'WEST_EUROPEAN',
] as const;
export type RegionGroup = (typeof REGION_GROUPS)[number];

/** One name with the spellings it is recorded under. */
export interface NameEntry {
  /** The spelling used as the person's true name (may carry diacritics). */
  canonical: string;
  /**
   * Other spellings a record clerk or a transliteration scheme produces for the
   * same name (Mohammed → Muhammad, Mohamed; Aleksandr → Alexander; Müller →
   * Mueller). Never includes `canonical`; never just the diacritic-stripped
   * form (the generator strips diacritics itself).
   */
  variants: readonly string[];
  /** Short or familiar forms (William → Bill; Oluwaseun → Seun). */
  nicknames?: readonly string[];
  /** Relative frequency inside its pool (Zipf-like: a few very common names). */
  weight: number;
}

export interface RegionNameData {
  group: RegionGroup;
  /** ISO 3166-1 alpha-3 nationalities drawn for people of this group, with weights. */
  nationalities: readonly { code: string; weight: number }[];
  given: { male: readonly NameEntry[]; female: readonly NameEntry[] };
  surnames: readonly NameEntry[];
  /**
   * How a full name is built:
   * - `single`: one surname;
   * - `double`: two surnames (paternal + maternal, e.g. García López); records
   *   often drop the second;
   * - `gendered`: female surname derived from the male form by `femaleSurname`.
   */
  surnameStyle: 'single' | 'double' | 'gendered';
  /** Family name written first in the home convention (Zhang Wei). */
  familyNameFirst: boolean;
  /** Probability that a person carries a middle / second given name. */
  middleNameRate: number;
  /** For `gendered` style: the female form of a male surname (Ivanov → Ivanova). */
  femaleSurname?: (male: string) => string;
}
