import { Field, ID, InputType } from '@nestjs/graphql';
import { IdentityGraph } from '../../identity-graph';
import { RecordRefInput } from '../../person/dto/record-ref.input';
import type { AttributeKindName } from '../../person/person-views';
import { AttributeKind, DisputeTarget } from '../dispute.model';

@InputType({ registerIn: IdentityGraph })
export class DisputedAttributeInput {
  @Field(() => AttributeKind) kind!: AttributeKindName;
  @Field({ description: 'The value exactly as Person.attributes shows it' }) value!: string;
}

@InputType({
  registerIn: IdentityGraph,
  description:
    'What is contested: the link of one of the person’s records (target LINK, record) or one attribute value (target ATTRIBUTE, attribute).',
})
export class FileDisputeInput {
  @Field(() => ID) personId!: string;
  @Field(() => DisputeTarget) target!: DisputeTarget;
  @Field(() => RecordRefInput, { nullable: true, description: 'LINK: the contested record' })
  record?: RecordRefInput | null;
  @Field(() => DisputedAttributeInput, {
    nullable: true,
    description: 'ATTRIBUTE: the contested value',
  })
  attribute?: DisputedAttributeInput | null;
  @Field({ description: 'Why, 1–2,000 characters' }) reason!: string;
}
