import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Kind, parse, type DefinitionNode } from 'graphql';
import { renderAllSchemas } from '../schema/print-schemas';

const root = resolve(__dirname, '../..');

function isEntityReference(d: DefinitionNode): boolean {
  return (
    d.kind === Kind.OBJECT_TYPE_DEFINITION &&
    (d.directives ?? []).some(
      (directive) =>
        directive.name.value === 'key' &&
        (directive.arguments ?? []).some(
          (a) =>
            a.name.value === 'resolvable' &&
            a.value.kind === Kind.BOOLEAN &&
            a.value.value === false,
        ),
    )
  );
}

describe('committed schema files', () => {
  it('match what the running subgraphs and the event contracts print (run npm run schema:print if not)', async () => {
    const rendered = await renderAllSchemas();
    expect(rendered.size).toBeGreaterThanOrEqual(2);
    for (const [file, content] of rendered) {
      const committed = await readFile(join(root, file), 'utf8').catch(() => '(missing)');
      expect({ file, upToDate: committed === content }).toEqual({ file, upToDate: true });
    }
  }, 60_000);

  it('never expose a raw template through a subgraph', async () => {
    const rendered = await renderAllSchemas();
    for (const [file, content] of rendered) {
      if (!file.endsWith('.graphql')) continue;
      const outputFields = parse(content).definitions.flatMap((d) =>
        d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION
          ? (d.fields ?? []).map((f) => `${d.name.value}.${f.name.value}`)
          : [],
      );
      expect(outputFields.length).toBeGreaterThan(5);
      expect({ file, templates: outputFields.filter((f) => /template/i.test(f)) }).toEqual({
        file,
        templates: [],
      });
    }
  }, 60_000);

  it('keep each subgraph to its own types even when all are built in one process', async () => {
    const rendered = await renderAllSchemas();
    const shared = new Set(['Query', 'Mutation', 'DateTime']);
    const owned = new Map<string, string>();
    for (const [file, content] of rendered) {
      if (!file.endsWith('.graphql')) continue;
      for (const d of parse(content).definitions) {
        if (!('name' in d) || !d.name || shared.has(d.name.value) || d.name.value.startsWith('_'))
          continue;
        // An entity another subgraph owns, referenced by key only (`resolvable: false`).
        if (isEntityReference(d)) continue;
        expect({ type: d.name.value, also: owned.get(d.name.value) }).toEqual({
          type: d.name.value,
          also: undefined,
        });
        owned.set(d.name.value, file);
      }
    }
    expect(owned.size).toBeGreaterThan(10);
  }, 60_000);
});
