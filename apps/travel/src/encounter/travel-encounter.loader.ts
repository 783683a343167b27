import { loaderFor, type SubgraphContext } from '@mosaic/service-kit';
import DataLoader from 'dataloader';
import type { TravelEncounter } from './travel-encounter.model';
import type { TravelEncounterService } from './travel-encounter.service';

/** The request's batched encounter lookup: every id asked for in one tick becomes one query. */
export function travelEncounterLoader(
  context: SubgraphContext,
  service: TravelEncounterService,
): DataLoader<string, TravelEncounter | null> {
  return loaderFor(
    context,
    'travelEncounter',
    () => new DataLoader((ids: readonly string[]) => service.findByIds(ids)),
  );
}
