// Baseline for the synth benchmark: only the irreducible part of the output —
// the same number of random unit templates, Math.random Gaussians, base64,
// one NDJSON line each — with no people, names, structure or truth.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

async function main(): Promise<void> {
  const [out, faces, fingers] = process.argv.slice(2);
  const stream = createWriteStream(out as string);
  const write = async (dimensions: number, count: number) => {
    const v = new Float32Array(dimensions);
    let chunk = '';
    for (let n = 0; n < count; n++) {
      let sum = 0;
      for (let i = 0; i < dimensions; i++) {
        const g =
          Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
        v[i] = g;
        sum += g * g;
      }
      const inv = 1 / Math.sqrt(sum);
      for (let i = 0; i < dimensions; i++) v[i] = (v[i] as number) * inv;
      chunk += JSON.stringify({ template: Buffer.from(v.buffer).toString('base64') }) + '\n';
      if (chunk.length > 1 << 20) {
        if (!stream.write(chunk)) await once(stream, 'drain');
        chunk = '';
      }
    }
    stream.write(chunk);
  };
  await write(512, Number(faces));
  await write(256, Number(fingers));
  stream.end();
  await once(stream, 'finish');
}

void main();
