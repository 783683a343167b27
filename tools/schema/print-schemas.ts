// `npm run schema:print`: writes each subgraph's SDL (schema/<name>.graphql)
// and each event's JSON Schema (schema/events/<topic>.json) from the code.
// `--check` writes nothing and fails if a committed file is stale.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { closeEmbeddedBus } from '@mosaic/service-kit';
import { renderEventSchemas } from './event-schemas';
import {
  AUDIT_SUBGRAPH_SDL_FILE,
  renderAuditSubgraphSdl,
  renderSubgraphSdl,
  SUBGRAPHS,
} from './subgraph-sdl';

const root = resolve(__dirname, '../..');

export async function renderAllSchemas(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const [file, content] of renderEventSchemas())
    files.set(join('schema/events', file), content);
  for (const subgraph of SUBGRAPHS)
    files.set(`schema/${subgraph.name}.graphql`, await renderSubgraphSdl(subgraph));
  files.set(AUDIT_SUBGRAPH_SDL_FILE, renderAuditSubgraphSdl());
  await closeEmbeddedBus();
  return files;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [file, content] of await renderAllSchemas()) {
    const path = join(root, file);
    const committed = await readFile(path, 'utf8').catch(() => null);
    if (committed === content) continue;
    if (check) stale.push(file);
    else {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
      process.stdout.write(`wrote ${file}\n`);
    }
  }
  if (stale.length > 0) {
    process.stderr.write(
      `stale: ${stale.join(', ')} — run npm run schema:print and commit the result\n`,
    );
    process.exit(1);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
