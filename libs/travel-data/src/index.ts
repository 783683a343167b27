export { TravelEncounterEntity } from './travel-encounter.entity';
export {
  FACE_TEMPLATE_DIMENSIONS,
  TRAVEL_ENCOUNTER_EVENT,
  TRAVEL_ENCOUNTER_TOPIC,
  travelEncounterEventSchema,
  travelEncounterSchema,
  type TravelEncounterInput,
} from './travel-encounter.schema';
export { TravelEncounterStore } from './travel-encounter.store';
export { travelEntities, travelMigrations, travelService } from './travel-service';
export { TravelRetention } from './retention/travel-retention';
