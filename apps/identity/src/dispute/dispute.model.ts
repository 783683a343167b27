import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IdentityGraph } from '../identity-graph';
import { ATTRIBUTE_FIELDS, type AttributeKindName } from '../person/person-views';
import { DisputeState, Person, RecordRef } from '../person/person.model';

export enum DisputeTarget {
  LINK = 'LINK',
  ATTRIBUTE = 'ATTRIBUTE',
}
registerEnumType(DisputeTarget, {
  name: 'DisputeTarget',
  registerIn: IdentityGraph,
  valuesMap: {
    LINK: { description: 'That a record belongs to the person' },
    ATTRIBUTE: { description: 'A value of one of the person’s attributes' },
  },
});

export enum DisputeOutcome {
  UPHELD = 'UPHELD',
  REJECTED = 'REJECTED',
}
registerEnumType(DisputeOutcome, {
  name: 'DisputeOutcome',
  registerIn: IdentityGraph,
  valuesMap: {
    UPHELD: {
      description:
        'The dispute is right: a disputed record is separated from the person for good (cannot-link); a disputed value stays marked as contested',
    },
    REJECTED: { description: 'The dispute is wrong: the link or value counts again' },
  },
});

export const AttributeKind = Object.fromEntries(
  Object.keys(ATTRIBUTE_FIELDS).map((k) => [k, k]),
) as { [K in AttributeKindName]: K };
registerEnumType(AttributeKind, {
  name: 'AttributeKind',
  registerIn: IdentityGraph,
  description: 'An attribute of Person.attributes (NAME: names, DATE_OF_BIRTH: datesOfBirth, …).',
});

@ObjectType({ registerIn: IdentityGraph })
export class DisputedAttribute {
  @Field(() => AttributeKind) kind!: AttributeKindName;
  @Field({ description: 'The value as Person.attributes shows it' }) value!: string;
}

@ObjectType({
  registerIn: IdentityGraph,
  description:
    'A contested link or attribute value, and what became of it. Disputes are resolved once and never deleted.',
})
export class Dispute {
  @Field(() => ID) id!: string;
  @Field(() => DisputeTarget) target!: DisputeTarget;
  @Field(() => DisputeState) state!: DisputeState;
  @Field(() => Person, {
    nullable: true,
    description:
      'The person the dispute was filed against (null to a role that reads no personal data, e.g. OVERSIGHT)',
  })
  person!: { id: string } | null;
  @Field(() => RecordRef, { nullable: true, description: 'LINK: the contested record' })
  record!: RecordRef | null;
  @Field(() => DisputedAttribute, { nullable: true, description: 'ATTRIBUTE: the contested value' })
  attribute!: DisputedAttribute | null;
  @Field() reason!: string;
  @Field() filedBy!: string;
  @Field({ description: 'The purpose the filer declared' }) purpose!: string;
  @Field({ description: 'The case the filer declared' }) caseNumber!: string;
  @Field() filedAt!: Date;
  @Field(() => String, { nullable: true }) resolvedBy!: string | null;
  @Field(() => String, { nullable: true }) resolutionNote!: string | null;
  @Field(() => Date, { nullable: true }) resolvedAt!: Date | null;
  @Field(() => Person, {
    nullable: true,
    description: 'UPHELD LINK: the person the record was separated into',
  })
  separatedInto!: { id: string } | null;
}
