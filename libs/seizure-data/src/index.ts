export { SeizureCaseEntity, SeizureEventEntity, SeizureItemEntity } from './seizure-case.entity';
export {
  DOCUMENT_TYPES,
  FACE_TEMPLATE_DIMENSIONS,
  FINGER_TEMPLATE_DIMENSIONS,
  ITEM_CATEGORIES,
  SEIZURE_EVENT_TYPES,
  SUBJECT_ROLES,
  seizureCaseSchema,
  type SeizureCaseInput,
  type SeizureSubjectInput,
} from './seizure-case.schema';
export { SeizureCaseConflictError, SeizureCaseStore } from './seizure-case.store';
export {
  SEIZURE_CASE_EVENT,
  SEIZURE_CASE_TOPIC,
  SEIZURE_SUBJECT_EVENT,
  SEIZURE_SUBJECT_TOPIC,
  seizureCaseEventSchema,
  seizureSubjectEventSchema,
  type SeizureCaseEvent,
  type SeizureSubjectEvent,
} from './seizure-events';
export { seizureEntities, seizureMigrations, seizureService } from './seizure-service';
export {
  SeizureSubjectEntity,
  SeizureSubjectFingerEntity,
  SeizureSubjectIdentifierEntity,
  type SeizureIdentifierKind,
} from './seizure-subject.entity';
export { SeizureRetention } from './retention/seizure-retention';
