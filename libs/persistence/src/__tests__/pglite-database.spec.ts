import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServiceDataSource } from '..';
import { describeDatabaseContract } from './database.contract';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function freshFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mosaic-pglite-'));
  dirs.push(dir);
  return dir;
}

describeDatabaseContract('embedded PGlite', {
  database: async () => ({ kind: 'pglite', dataDir: freshFolder() }),
  requiresVector: true,
});

describe('embedded PGlite on disk', () => {
  it('keeps its data across restarts of the service', async () => {
    const dataDir = freshFolder();
    const first = await createServiceDataSource({ database: { kind: 'pglite', dataDir } });
    await first.initialize();
    await first.runMigrations();
    await first.query('CREATE TABLE kept (v text)');
    await first.query('INSERT INTO kept VALUES ($1)', ['still here']);
    await first.destroy();

    const second = await createServiceDataSource({ database: { kind: 'pglite', dataDir } });
    await second.initialize();
    expect(await second.query('SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    expect(await second.showMigrations()).toBe(false);
    await second.destroy();
  });
});
