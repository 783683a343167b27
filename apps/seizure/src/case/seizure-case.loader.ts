import { loaderFor, type SubgraphContext } from '@mosaic/service-kit';
import DataLoader from 'dataloader';
import type { SeizureCase, SeizureEvent, SeizureItem } from './seizure-case.model';
import type { SeizureCaseService } from './seizure-case.service';

/*
 * The request's batched case lookups. Every case id asked for in one tick
 * becomes one query on seizure_case; the events and items of that batch of
 * cases are then loaded with at most one more query per child table
 * (seizure_event, seizure_item), and only when a field asks for them.
 */

export function seizureCaseLoader(
  context: SubgraphContext,
  service: SeizureCaseService,
): DataLoader<string, SeizureCase | null> {
  return loaderFor(
    context,
    'seizureCase',
    () => new DataLoader((ids: readonly string[]) => service.findByIds(ids)),
  );
}

export function seizureEventsLoader(
  context: SubgraphContext,
  service: SeizureCaseService,
): DataLoader<string, SeizureEvent[]> {
  return loaderFor(
    context,
    'seizureCaseEvents',
    () => new DataLoader((caseIds: readonly string[]) => service.eventsOf(caseIds)),
  );
}

export function seizureItemsLoader(
  context: SubgraphContext,
  service: SeizureCaseService,
): DataLoader<string, SeizureItem[]> {
  return loaderFor(
    context,
    'seizureCaseItems',
    () => new DataLoader((caseIds: readonly string[]) => service.itemsOf(caseIds)),
  );
}
