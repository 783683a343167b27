// Allowed: an app using its own scope's domain lib and a shared util.
import { normalise } from '@fixture/shared-util';
import { travelRule } from '@fixture/travel-domain';

export const travelApp = normalise(`travel-${travelRule}`);
