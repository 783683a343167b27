// Violation: one source scope importing another.
import { seizureRule } from '@fixture/seizure-domain';

export const crossed = seizureRule;
