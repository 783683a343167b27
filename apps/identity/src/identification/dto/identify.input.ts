import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { IdentityGraph } from '../../identity-graph';
import { MatchModality, RecordSource } from '../../person/person.model';

@InputType({
  registerIn: IdentityGraph,
  description:
    'An upstream match to identify: the record holding the probe capture (by source and record id, or as a template reference) and the modality to search.',
})
export class IdentifyInput {
  @Field(() => RecordSource, { nullable: true, description: 'With recordId' })
  source?: RecordSource | null;

  @Field(() => ID, { nullable: true, description: 'With source' })
  recordId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Instead of source + recordId: the template reference `<source>:<recordId>` (e.g. travel:TE-1); templates are held by the record that captured them',
  })
  templateRef?: string | null;

  @Field(() => MatchModality) modality!: MatchModality;

  @Field(() => Float, {
    nullable: true,
    description:
      "The upstream matcher's score, echoed for the record; it is not used, since its calibration is unknown to Mosaic",
  })
  upstreamScore?: number | null;

  @Field(() => Int, { nullable: true, description: 'Candidates to return, 1–50 (default 10)' })
  limit?: number | null;
}
