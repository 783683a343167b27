// Violation: an app importing another app.
import { travelApp } from '../../travel/src/main';

export const borrowed = travelApp;
