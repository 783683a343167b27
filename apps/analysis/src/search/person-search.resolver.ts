import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { validateSearchQuery, type PersonSearchIndex } from '@mosaic/analysis-model';
import { withAnalysisQueryErrors } from './analysis-query-errors';
import { SearchPersonsArgs } from './dto/search-persons.args';
import {
  PersonSearchField,
  PersonSearchMatchKind,
  PersonSearchResult,
} from './person-search.model';
import { PERSON_SEARCH } from './person-search.tokens';

@Resolver()
export class PersonSearchResolver {
  constructor(@Inject(PERSON_SEARCH) private readonly index: PersonSearchIndex) {}

  @Query(() => PersonSearchResult, {
    description:
      'Persons by name (any spelling, order or transliteration), date of birth range, nationality and document number, ranked and paged; every hit says which fields matched. Give a name or a document number: other criteria only narrow them.',
  })
  async searchPersons(@Args() args: SearchPersonsArgs): Promise<PersonSearchResult> {
    const result = await withAnalysisQueryErrors('person search', () =>
      this.index.search(validateSearchQuery(args)),
    );
    return {
      hits: result.hits.map((hit) => ({
        person: { id: hit.personId },
        score: hit.score,
        matched: hit.matched.map((m) => ({
          field: m.field as PersonSearchField,
          value: m.value,
          how: m.how as PersonSearchMatchKind,
        })),
      })),
      total: result.total,
      totalIsLowerBound: result.totalIsLowerBound,
    };
  }
}
