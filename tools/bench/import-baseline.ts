// Baseline for the import benchmark: the same NDJSON lines loaded into
// PostgreSQL as they are — one jsonb column, batches of 1,000, no validation,
// no columns, no outbox: what it costs just to get the bytes into the server.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Client } from 'pg';

async function main(): Promise<void> {
  const [url, file] = process.argv.slice(2);
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(
    'CREATE TABLE IF NOT EXISTS raw_line (id bigserial PRIMARY KEY, line jsonb NOT NULL)',
  );
  const started = Date.now();
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch.map((_, i) => `($${i + 1}::jsonb)`).join(', ');
    await client.query(`INSERT INTO raw_line (line) VALUES ${values}`, batch);
    batch = [];
  };
  for await (const line of createInterface({ input: createReadStream(file as string) })) {
    if (line.trim() === '') continue;
    batch.push(line);
    if (batch.length >= 1_000) await flush();
  }
  await flush();
  process.stdout.write(`loaded in ${((Date.now() - started) / 1000).toFixed(2)} s\n`);
  await client.end();
}

void main();
