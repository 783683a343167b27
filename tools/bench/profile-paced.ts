// Evenly spaced arrivals, as a service sees a steady stream of users: request
// i is due at start + i / rate whatever happened to the ones before it, and
// its latency runs from when it was due, so a stalled generator or a full
// connection pool shows as latency instead of hiding it (no coordinated
// omission). autocannon's rate limit works per connection per second (each
// connection sends its share back to back, then waits for the next second),
// which offers the same rate as bursts of up to `connections` requests; this
// is the other reading of "200 lookups/s", side by side with it.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { SingleBar } from 'cli-progress';

export interface PacedResult {
  /** Requests sent (all are answered or failed by the end). */
  requests: number;
  seconds: number;
  /** Latency of each answered request from its due time, in ms. */
  latencies: number[];
  non2xx: number;
  errors: number;
  graphqlErrors: number;
  nullPersons: number;
  errorSamples: string[];
  /** Most requests in flight at once. */
  maxInFlight: number;
}

export async function pacedLoad(
  url: string,
  bodies: readonly string[],
  headers: Record<string, string>,
  options: { rate: number; seconds: number },
  progress: SingleBar | null,
): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(url);
  const total = Math.round(options.rate * options.seconds);
  const result: PacedResult = {
    requests: 0,
    seconds: 0,
    latencies: [],
    non2xx: 0,
    errors: 0,
    graphqlErrors: 0,
    nullPersons: 0,
    errorSamples: [],
    maxInFlight: 0,
  };
  let inFlight = 0;
  const pending = new Set<Promise<void>>();
  const send = (body: string, due: number) =>
    new Promise<void>((done) => {
      inFlight += 1;
      result.maxInFlight = Math.max(result.maxInFlight, inFlight);
      const finish = () => {
        inFlight -= 1;
        done();
      };
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            result.latencies.push(performance.now() - due);
            const text = Buffer.concat(chunks).toString('utf8');
            if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) > 299) result.non2xx += 1;
            if (text.includes('"errors"')) {
              result.graphqlErrors += 1;
              if (result.errorSamples.length < 5) {
                result.errorSamples.push(`${res.statusCode}: ${text.slice(0, 200)}`);
              }
            }
            if (text.includes('"person":null')) result.nullPersons += 1;
            finish();
          });
        },
      );
      req.on('error', (error) => {
        result.errors += 1;
        if (result.errorSamples.length < 5) result.errorSamples.push(error.message);
        finish();
      });
      req.end(body);
    });

  const started = performance.now();
  let lastTick = 0;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sent = send(bodies[i % bodies.length] as string, due);
    pending.add(sent);
    void sent.then(() => pending.delete(sent));
    result.requests += 1;
    const elapsed = (performance.now() - started) / 1000;
    if (progress && elapsed - lastTick >= 1) {
      lastTick = elapsed;
      progress.update(Math.min(options.seconds, Math.floor(elapsed)));
    }
  }
  await Promise.all(pending);
  result.seconds = (performance.now() - started) / 1000;
  progress?.update(options.seconds);
  agent.destroy();
  return result;
}
