import { loadServiceConfig } from '@mosaic/config';
import { travelService } from '@mosaic/travel-data';

export { travelService };

export const loadTravelConfig = (env: Record<string, string | undefined> = process.env) =>
  loadServiceConfig(travelService, env);
