import type { z } from 'zod';

/** One problem with one field of a record, named by its path (`traveler.dateOfBirth`, `fingers.3.template`). */
export interface FieldIssue {
  field: string;
  reason: string;
}

export class RecordValidationError extends Error {
  constructor(readonly issues: readonly FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.reason}`).join('; '));
    this.name = 'RecordValidationError';
  }
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

function reasonOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
  return issue.message;
}

/** Validates `value` against `schema`, naming every failing field and why. */
export function validateRecord<S extends z.ZodType>(
  schema: S,
  value: unknown,
): Validated<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(record)',
      reason: reasonOf(issue),
    })),
  };
}

/** Like `validateRecord`, throwing a `RecordValidationError` instead. */
export function parseRecord<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = validateRecord(schema, value);
  if (!result.ok) throw new RecordValidationError(result.issues);
  return result.value;
}
