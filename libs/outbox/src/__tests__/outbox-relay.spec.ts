import { InProcessEventBus, type EventBus, type EventEnvelope } from '@mosaic/event-bus';
import { createServiceDataSource } from '@mosaic/persistence';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import {
  appendToOutbox,
  CreateOutbox1764200000000,
  EventSchemaError,
  EventSchemas,
  OutboxMessage,
  OutboxRelay,
} from '..';

const TOPIC = 'test.thing.v1';

describe('transactional outbox and relay (embedded PGlite)', () => {
  let dataSource: DataSource;
  let schemaDir: string;
  let schemas: EventSchemas;

  beforeAll(async () => {
    schemaDir = await mkdtemp(join(tmpdir(), 'mosaic-schemas-'));
    await writeFile(
      join(schemaDir, `${TOPIC}.json`),
      JSON.stringify({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { id: { type: 'string' }, n: { type: 'integer', minimum: 0 } },
        required: ['id', 'n'],
        additionalProperties: false,
      }),
    );
    schemas = new EventSchemas(schemaDir);
  });
  afterAll(async () => rm(schemaDir, { recursive: true, force: true }));

  beforeEach(async () => {
    dataSource = await createServiceDataSource({
      database: { kind: 'pglite', dataDir: 'memory://' },
      entities: [OutboxMessage],
      migrations: [CreateOutbox1764200000000],
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
  });
  afterEach(async () => dataSource.destroy());

  const append = (events: { id: string; n: number }[]) =>
    dataSource.transaction((manager) =>
      appendToOutbox(
        manager,
        events.map((payload) => ({
          topic: TOPIC,
          type: 'test.thing',
          source: 'test',
          key: payload.id,
          payload,
        })),
        schemas,
      ),
    );

  async function consume(bus: EventBus): Promise<EventEnvelope[]> {
    const seen: EventEnvelope[] = [];
    await bus.subscribe({
      groupId: 'g',
      topics: [TOPIC],
      fromBeginning: true,
      handler: async (e) => void seen.push(e.envelope),
    });
    return seen;
  }

  it('refuses a payload that breaks its topic schema, naming the field, and writes nothing', async () => {
    await expect(append([{ id: 'a', n: -1 }])).rejects.toThrow(EventSchemaError);
    await expect(append([{ id: 'a', n: -1 }])).rejects.toThrow(/\/n must be >= 0/);
    const [row] = (await dataSource.query('SELECT count(*)::int AS n FROM outbox')) as {
      n: number;
    }[];
    expect(row?.n).toBe(0);
  });

  it('writes nothing when the surrounding transaction rolls back', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await appendToOutbox(
          manager,
          [
            {
              topic: TOPIC,
              type: 'test.thing',
              source: 'test',
              key: 'x',
              payload: { id: 'x', n: 1 },
            },
          ],
          schemas,
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const relay = new OutboxRelay(dataSource, new InProcessEventBus());
    expect(await relay.backlog()).toBe(0);
  });

  it('publishes in commit order per key and marks what it published', async () => {
    for (let n = 0; n < 5; n++)
      await append([
        { id: 'a', n },
        { id: 'b', n },
      ]);
    const bus = new InProcessEventBus();
    const seen = await consume(bus);
    const relay = new OutboxRelay(dataSource, bus, { batchSize: 3 });
    expect(await relay.drain()).toBe(10);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const order = (key: string) =>
      seen.filter((e) => e.key === key).map((e) => (e.payload as { n: number }).n);
    expect(order('a')).toEqual([0, 1, 2, 3, 4]);
    expect(order('b')).toEqual([0, 1, 2, 3, 4]);
    expect(await relay.backlog()).toBe(0);
    expect(await relay.drain()).toBe(0);
    await bus.close();
  });

  it('a relay that dies after publishing re-sends the same event ids, so consumers can deduplicate', async () => {
    await append([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
    const bus = new InProcessEventBus();
    const seen = await consume(bus);
    // Publishes, then "crashes" before the row is marked: its transaction never commits.
    const dying: EventBus = {
      publish: async (topic, events) => {
        await bus.publish(topic, events);
        throw new Error('relay killed');
      },
      subscribe: (options) => bus.subscribe(options),
      ping: () => bus.ping(),
      close: async () => undefined,
    };
    await expect(new OutboxRelay(dataSource, dying).drain()).rejects.toThrow('relay killed');
    expect(await new OutboxRelay(dataSource, bus).drain()).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toHaveLength(4);
    expect(new Set(seen.map((e) => e.eventId)).size).toBe(2);
    await bus.close();
  });
});
