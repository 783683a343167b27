import { Inject } from '@nestjs/common';
import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AnalysisQueryError,
  GRAPH_LIMITS,
  validateCoTravelQuery,
  validateNeighbourQuery,
  validatePathQuery,
  type LinkGraph,
} from '@mosaic/analysis-model';
import { AccessError, requireDeepLinkAnalysis } from '@mosaic/access';
import { accessDeniedError, type SubgraphContext } from '@mosaic/service-kit';
import { Person } from '../person.model';
import { withAnalysisQueryErrors } from '../search/analysis-query-errors';
import { CoTravelersArgs } from './dto/co-travelers.args';
import { NeighborsArgs } from './dto/neighbors.args';
import { PathsArgs } from './dto/paths.args';
import { toNeighbourhood, toPathsResult } from './link-graph.mapper';
import { Neighbourhood, PathsResult } from './link-graph.model';
import { LINK_GRAPH } from './link-graph.tokens';

/** Traversals run per request (the context object is the request's own). */
const traversals = new WeakMap<object, number>();

/** Counts one traversal against the request's allowance; refuses the one over it. */
function startTraversal(context: SubgraphContext): void {
  const count = (traversals.get(context) ?? 0) + 1;
  traversals.set(context, count);
  if (count > GRAPH_LIMITS.maxSubjectsPerRequest) {
    throw new AnalysisQueryError([
      {
        field: 'subject',
        reason: `link analysis starts from at most ${GRAPH_LIMITS.maxSubjectsPerRequest} persons per request`,
      },
    ]);
  }
}

/**
 * Beyond one hop link analysis maps a network rather than looking at a
 * subject: only an investigation may do it (FORBIDDEN naming the field).
 */
function requireCaseInvestigation(context: SubgraphContext, field: string): void {
  try {
    requireDeepLinkAnalysis(context.access, field);
  } catch (error) {
    throw error instanceof AccessError ? accessDeniedError(error) : error;
  }
}

/**
 * Link analysis on the Person the identity subgraph owns: it always starts
 * from one subject (a Person entity), never from a listing. Arguments over the
 * caps are refused with BAD_USER_INPUT naming each argument; results a cap cut
 * say `truncated`. The fields are nullable so that a caller refused one of
 * them (see FIELD_ACCESS and the hop rule) still gets the rest of the person.
 */
@Resolver(() => Person)
export class PersonLinksResolver {
  constructor(@Inject(LINK_GRAPH) private readonly graph: LinkGraph) {}

  @ResolveField(() => Neighbourhood, {
    nullable: true,
    description:
      'The persons tied to this one within `hops` (1–3), each tie with its evidence records; shared identifiers used by very many persons are skipped and listed in `skippedHubs`',
  })
  neighbors(
    @Parent() person: Person,
    @Args() args: NeighborsArgs,
    @Context() context: SubgraphContext,
  ): Promise<Neighbourhood> {
    return withAnalysisQueryErrors('neighbourhood request', async () => {
      const query = validateNeighbourQuery({
        personId: person.id,
        hops: args.hops,
        edgeTypes: args.edgeTypes,
        window: { from: args.from, to: args.to },
        maxNodes: args.maxNodes,
      });
      if (query.hops > 1) requireCaseInvestigation(context, 'Person.neighbors');
      startTraversal(context);
      return toNeighbourhood(await this.graph.neighbors(query));
    });
  }

  @ResolveField(() => PathsResult, {
    nullable: true,
    description:
      'Every shortest path (up to 20) from this person to another of at most `maxHops` (1–4), each step with its edges and evidence',
  })
  paths(
    @Parent() person: Person,
    @Args() args: PathsArgs,
    @Context() context: SubgraphContext,
  ): Promise<PathsResult> {
    return withAnalysisQueryErrors('paths request', async () => {
      requireCaseInvestigation(context, 'Person.paths');
      const query = validatePathQuery({
        from: person.id,
        to: args.to,
        maxHops: args.maxHops,
        edgeTypes: args.edgeTypes,
      });
      startTraversal(context);
      return toPathsResult(await this.graph.paths(query));
    });
  }

  @ResolveField(() => Neighbourhood, {
    nullable: true,
    description:
      'The persons who travelled with this one: on the same flight, or at the same port in the same direction within `windowMinutes`',
  })
  coTravelers(
    @Parent() person: Person,
    @Args() args: CoTravelersArgs,
    @Context() context: SubgraphContext,
  ): Promise<Neighbourhood> {
    return withAnalysisQueryErrors('co-traveller request', async () => {
      const query = validateCoTravelQuery({
        personId: person.id,
        windowMinutes: args.windowMinutes,
        window: { from: args.from, to: args.to },
      });
      startTraversal(context);
      return toNeighbourhood(await this.graph.coTravelers(query));
    });
  }
}
