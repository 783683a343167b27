import { loadServiceConfig } from '@mosaic/config';
import { seizureService } from '@mosaic/seizure-data';

export { seizureService };

export const loadSeizureConfig = (env: Record<string, string | undefined> = process.env) =>
  loadServiceConfig(seizureService, env);
