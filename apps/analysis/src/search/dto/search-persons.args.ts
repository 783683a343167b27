import { ArgsType, Field, Int } from '@nestjs/graphql';
import { SEARCH_LIMITS } from '@mosaic/analysis-model';

@ArgsType()
export class SearchPersonsArgs {
  @Field(() => String, {
    nullable: true,
    description: `A name in any order, case, diacritics or transliteration (at most ${SEARCH_LIMITS.maxNameLength} characters); searched as data, never as query syntax`,
  })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Born on or after: YYYY, YYYY-MM or YYYY-MM-DD. A record with only a year or month matches when that year or month overlaps the range',
  })
  bornFrom?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Born on or before: YYYY, YYYY-MM or YYYY-MM-DD',
  })
  bornTo?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-3 nationality; narrows a name or document search',
  })
  nationality?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A document number the person carries; punctuation, spaces and case are ignored',
  })
  documentNumber?: string | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 0,
    description: `Hits to skip, 0–${SEARCH_LIMITS.maxOffset}`,
  })
  offset?: number | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: SEARCH_LIMITS.defaultLimit,
    description: `Hits to return, 1–${SEARCH_LIMITS.maxLimit}`,
  })
  limit?: number | null;
}
