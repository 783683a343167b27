// Violation: a lib importing an app.
import { travelApp } from '../../../apps/travel/src/main';

export const leaked = travelApp;
