import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The committed event contracts: one JSON Schema per topic, `schema/events/<topic>.json`. */
export const EVENT_SCHEMA_DIR = resolve(__dirname, '../../../schema/events');

export class EventSchemaError extends Error {
  constructor(
    readonly topic: string,
    readonly issues: readonly { path: string; reason: string }[],
  ) {
    super(
      `event for ${topic} does not match its schema: ${issues.map((i) => `${i.path || '/'} ${i.reason}`).join('; ')}`,
    );
    this.name = 'EventSchemaError';
  }
}

/**
 * Validates event payloads against the committed JSON Schemas, so a producer
 * can never publish what its consumers were not promised.
 */
export class EventSchemas {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(dir: string = EVENT_SCHEMA_DIR) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const schema = JSON.parse(readFileSync(join(dir, file), 'utf8')) as object;
      this.validators.set(file.replace(/\.json$/, ''), ajv.compile(schema));
    }
  }

  has(topic: string): boolean {
    return this.validators.has(topic);
  }

  validate(topic: string, payload: unknown): void {
    const validate = this.validators.get(topic);
    if (!validate)
      throw new EventSchemaError(topic, [
        { path: '', reason: 'no schema is committed for this topic' },
      ]);
    if (!validate(payload)) {
      throw new EventSchemaError(
        topic,
        (validate.errors ?? []).map((e) => ({
          path: e.instancePath,
          reason: e.message ?? e.keyword,
        })),
      );
    }
  }
}

let shared: EventSchemas | undefined;

/** The schemas under schema/events, loaded once per process. */
export function eventSchemas(): EventSchemas {
  shared ??= new EventSchemas();
  return shared;
}
