import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AnalysisGraph } from '../analysis-graph';
import { Person } from '../person.model';

export enum PersonSearchField {
  NAME = 'NAME',
  NAME_PHONETIC = 'NAME_PHONETIC',
  DATE_OF_BIRTH = 'DATE_OF_BIRTH',
  NATIONALITY = 'NATIONALITY',
  DOCUMENT = 'DOCUMENT',
}
registerEnumType(PersonSearchField, {
  name: 'PersonSearchField',
  registerIn: AnalysisGraph,
  description: 'A searched field of a person',
  valuesMap: {
    NAME: { description: 'A recorded name, spelled as searched or close to it' },
    NAME_PHONETIC: { description: 'A recorded name that sounds like the one searched' },
  },
});

export enum PersonSearchMatchKind {
  EXACT = 'EXACT',
  FUZZY = 'FUZZY',
  PHONETIC = 'PHONETIC',
  IN_RANGE = 'IN_RANGE',
}
registerEnumType(PersonSearchMatchKind, {
  name: 'PersonSearchMatchKind',
  registerIn: AnalysisGraph,
  description: 'How a recorded value matched the search',
  valuesMap: {
    EXACT: {
      description: 'Equal once folded (case, diacritics, punctuation and name order aside)',
    },
    FUZZY: { description: 'Close in spelling (a typo or a variant)' },
    PHONETIC: { description: 'Sounds alike (Double Metaphone): transliteration variants' },
    IN_RANGE: { description: 'The recorded (possibly partial) date overlaps the range' },
  },
});

@ObjectType({ registerIn: AnalysisGraph, description: 'One field of a hit that matched' })
export class PersonSearchMatch {
  @Field(() => PersonSearchField) field!: PersonSearchField;
  @Field({ description: "The person's value as a source recorded it" })
  value!: string;
  @Field(() => PersonSearchMatchKind) how!: PersonSearchMatchKind;
}

@ObjectType({ registerIn: AnalysisGraph })
export class PersonSearchHit {
  @Field(() => Person) person!: Person;
  @Field(() => Float, { description: 'Relevance, higher first; comparable within one result only' })
  score!: number;
  @Field(() => [PersonSearchMatch], { description: 'Every field that matched, and how' })
  matched!: PersonSearchMatch[];
}

@ObjectType({ registerIn: AnalysisGraph })
export class PersonSearchResult {
  @Field(() => [PersonSearchHit], { description: 'This page of hits, best first' })
  hits!: PersonSearchHit[];
  @Field(() => Int, { description: 'Persons matching in all (counted up to a cap)' })
  total!: number;
  @Field({ description: 'true when the count stopped at its cap and more persons may match' })
  totalIsLowerBound!: boolean;
}
