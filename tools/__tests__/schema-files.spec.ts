import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Kind, parse, print, type DefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { renderAllSchemas } from '../schema/print-schemas';

const root = resolve(__dirname, '../..');

/** The fields of a type's `@key(fields: "…")`, or null when it is not an entity. */
function keyFields(d: ObjectTypeDefinitionNode): Set<string> | null {
  const key = (d.directives ?? []).find((directive) => directive.name.value === 'key');
  const fields = key?.arguments?.find((a) => a.name.value === 'fields')?.value;
  return fields?.kind === Kind.STRING ? new Set(fields.value.split(/\s+/)) : null;
}

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
  // Booting every subgraph takes a while: render once for all three checks.
  let rendered: Map<string, string>;
  beforeAll(async () => {
    rendered = await renderAllSchemas();
  }, 180_000);

  it('match what the running subgraphs and the event contracts print (run npm run schema:print if not)', async () => {
    expect(rendered.size).toBeGreaterThanOrEqual(2);
    for (const [file, content] of rendered) {
      const committed = await readFile(join(root, file), 'utf8').catch(() => '(missing)');
      expect({ file, upToDate: committed === content }).toEqual({ file, upToDate: true });
    }
  }, 60_000);

  it('never expose a raw template through a subgraph', async () => {
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
    const shared = new Set(['Query', 'Mutation', 'DateTime']);
    const owned = new Map<string, string>();
    // Entities are shared by key: each subgraph contributes its own fields, and only the key twice.
    const entityFields = new Map<string, string>();
    const enums = new Map<string, string>();
    for (const [file, content] of rendered) {
      if (!file.endsWith('.graphql')) continue;
      for (const d of parse(content).definitions) {
        if (!('name' in d) || !d.name || shared.has(d.name.value) || d.name.value.startsWith('_'))
          continue;
        // An entity another subgraph owns, referenced by key only (`resolvable: false`).
        if (isEntityReference(d)) continue;
        if (d.kind === Kind.OBJECT_TYPE_DEFINITION && keyFields(d) !== null) {
          const keys = keyFields(d) as Set<string>;
          for (const f of d.fields ?? []) {
            if (keys.has(f.name.value)) continue;
            const field = `${d.name.value}.${f.name.value}`;
            expect({ field, also: entityFields.get(field) }).toEqual({ field, also: undefined });
            entityFields.set(field, file);
          }
          owned.set(d.name.value, file);
          continue;
        }
        // An enum two subgraphs share by design (RecordSource) must be the same in both.
        if (d.kind === Kind.ENUM_TYPE_DEFINITION && enums.has(d.name.value)) {
          expect({ type: d.name.value, definition: print(d) }).toEqual({
            type: d.name.value,
            definition: enums.get(d.name.value),
          });
          continue;
        }
        expect({ type: d.name.value, also: owned.get(d.name.value) }).toEqual({
          type: d.name.value,
          also: undefined,
        });
        owned.set(d.name.value, file);
        if (d.kind === Kind.ENUM_TYPE_DEFINITION) enums.set(d.name.value, print(d));
      }
    }
    expect(owned.size).toBeGreaterThan(10);
  }, 60_000);
});
