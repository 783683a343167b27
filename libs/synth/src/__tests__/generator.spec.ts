import {
  decodeTemplate,
  FACE_DIMENSIONS,
  FINGER_DIMENSIONS,
  generateBlocks,
  resolveSynthOptions,
  type SynthBlock,
} from '..';

function generate(
  persons: number,
  seed: number,
  overrides: Record<string, string> = {},
): SynthBlock[] {
  return [...generateBlocks(resolveSynthOptions({ persons, seed, blockSize: 1000 }, overrides))];
}

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('generateBlocks', () => {
  const blocks = generate(3000, 42);
  const travel = blocks.flatMap((b) => b.travel);
  const seizure = blocks.flatMap((b) => b.seizure);
  const fingerprint = blocks.flatMap((b) => b.fingerprint);
  const truth = blocks.flatMap((b) => b.truthRecords);
  const persons = blocks.flatMap((b) => b.persons);
  const relationships = blocks.flatMap((b) => b.relationships);
  const truthById = new Map(truth.map((t) => [t.recordId, t]));

  it('makes the requested number of people, each with a unique id', () => {
    expect(persons).toHaveLength(3000);
    expect(new Set(persons.map((p) => p.personId)).size).toBe(3000);
  });

  it('gives every record that stands for a person exactly one truth entry, and no other', () => {
    const recordIds = [
      ...travel.map((r) => r.recordId),
      ...seizure.flatMap((c) => c.subjects.map((s) => s.subjectId)),
      ...fingerprint.map((r) => r.recordId),
    ];
    expect(new Set(recordIds).size).toBe(recordIds.length);
    expect(new Set(truth.map((t) => t.recordId))).toEqual(new Set(recordIds));
  });

  it('keeps ground truth out of the source records', () => {
    const sample = JSON.stringify([
      travel.slice(0, 200),
      seizure.slice(0, 50),
      fingerprint.slice(0, 100),
    ]);
    expect(sample).not.toMatch(/personId|"P\d{8}"|distortions|householdId/);
  });

  it('writes templates of the right length and unit norm', () => {
    const faces = [
      ...travel.flatMap((r) => (r.face ? [r.face] : [])),
      ...fingerprint.flatMap((r) => (r.face ? [r.face] : [])),
    ];
    const fingers = fingerprint.flatMap((r) => r.fingers);
    expect(faces.length).toBeGreaterThan(1000);
    expect(fingers.length).toBeGreaterThan(1000);
    for (const face of faces.slice(0, 300)) {
      const v = decodeTemplate(face.template);
      expect(v).toHaveLength(FACE_DIMENSIONS);
      expect(Math.abs(norm(v) - 1)).toBeLessThan(1e-5);
      expect(face.quality).toBeGreaterThanOrEqual(0);
      expect(face.quality).toBeLessThanOrEqual(1);
    }
    for (const finger of fingers.slice(0, 300)) {
      const v = decodeTemplate(finger.template);
      expect(v).toHaveLength(FINGER_DIMENSIONS);
      expect(Math.abs(norm(v) - 1)).toBeLessThan(1e-5);
      expect(finger.position).toBeGreaterThanOrEqual(1);
      expect(finger.position).toBeLessThanOrEqual(10);
    }
  });

  it('leaves some records without any usable biometric, so biographic-only linkage is exercised', () => {
    expect(travel.some((r) => r.face === null)).toBe(true);
    expect(
      seizure.some((c) => c.subjects.some((s) => s.face === null && s.fingerprints === null)),
    ).toBe(true);
  });

  it('puts families on the same flights', () => {
    const families = relationships.filter((r) => r.type === 'FAMILY');
    expect(families.length).toBeGreaterThan(50);
    const flightsOf = new Map<string, Set<string>>();
    for (const r of travel) {
      const person = truthById.get(r.recordId)?.personId as string;
      const key = `${r.flight}@${r.encounteredAt.slice(0, 10)}`;
      flightsOf.set(person, (flightsOf.get(person) ?? new Set()).add(key));
    }
    const coTravelling = families.filter((f) => {
      const [a, b] = f.members;
      const fa = flightsOf.get(a as string);
      const fb = flightsOf.get(b as string);
      return fa && fb && [...fa].some((k) => fb.has(k));
    });
    expect(coTravelling.length / families.length).toBeGreaterThan(0.3);
  });

  it('builds criminal networks with a hub that appear together in seizure cases', () => {
    const networks = relationships.filter((r) => r.type === 'CRIMINAL_NETWORK');
    expect(networks.length).toBeGreaterThan(3);
    const subjectsPerCase = seizure.map(
      (c) => new Set(c.subjects.map((s) => truthById.get(s.subjectId)?.personId as string)),
    );
    for (const network of networks) {
      expect(network.members).toContain(network.hub);
    }
    const withJointCase = networks.filter((n) =>
      subjectsPerCase.some((people) => n.members.filter((m) => people.has(m)).length >= 2),
    );
    expect(withJointCase.length / networks.length).toBeGreaterThan(0.5);
    // Network members share phones or vehicles in those cases: the evidence link analysis needs.
    const shared = new Set(networks.flatMap((n) => n.sharedIdentifiers.map((i) => i.value)));
    const caseIdentifiers = seizure.flatMap((c) =>
      c.subjects.flatMap((s) => [...s.identifiers.vehicles, ...s.identifiers.addresses]),
    );
    expect(caseIdentifiers.some((v) => shared.has(v))).toBe(true);
  });

  it('records hub identifiers for unrelated people and marks them as coincidences', () => {
    const coincidences = blocks.flatMap((b) => b.coincidences);
    expect(coincidences.length).toBeGreaterThan(0);
    const widest = coincidences.reduce((a, b) => (b.personIds.length > a.personIds.length ? b : a));
    expect(widest.personIds.length).toBeGreaterThan(5);
    const related = new Set(
      relationships.flatMap((r) =>
        r.members.flatMap((a) => r.members.filter((b) => b !== a).map((b) => `${a}|${b}`)),
      ),
    );
    const [first, ...others] = widest.personIds;
    const unrelated = others.filter((o) => !related.has(`${first}|${o}`));
    expect(unrelated.length).toBeGreaterThan(others.length / 2);
  });

  it('makes twins share a date of birth and a family', () => {
    const twins = persons.filter((p) => p.biometricLookalikes.some((l) => l.kind === 'TWIN'));
    const byId = new Map(persons.map((p) => [p.personId, p]));
    for (const twin of twins) {
      const other = byId.get(
        twin.biometricLookalikes.find((l) => l.kind === 'TWIN')?.personId as string,
      );
      expect(other?.dateOfBirth).toBe(twin.dateOfBirth);
      expect(other?.surnames).toEqual(twin.surnames);
    }
  });

  it('is deterministic per seed and changes with it', () => {
    const again = generate(1200, 42);
    const first = generate(1200, 42);
    const other = generate(1200, 43);
    expect(JSON.stringify(again[1]?.travel)).toBe(JSON.stringify(first[1]?.travel));
    expect(JSON.stringify(other[1]?.travel)).not.toBe(JSON.stringify(first[1]?.travel));
  });

  it('changes only what an overridden rate governs in other sources', () => {
    const base = generate(1000, 5);
    const moreTypos = generate(1000, 5, { 'names.typoRate': '0.5' });
    // Same people, same trips: typos alter names, not who travels when.
    expect(moreTypos[0]?.persons).toEqual(base[0]?.persons);
    expect(moreTypos[0]?.travel.map((r) => r.flight)).toEqual(base[0]?.travel.map((r) => r.flight));
  });
});
