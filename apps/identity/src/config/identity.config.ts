import { loadServiceConfig, z, type ServiceConfig, type ServiceDefinition } from '@mosaic/config';

const unset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const count = (name: string, fallback: number, min = 1) =>
  z.preprocess(
    unset,
    z.coerce
      .number({ error: `${name} must be a number` })
      .int('must be an integer')
      .min(min, `must be at least ${min}`)
      .default(fallback),
  );

const rate = (fallback: number) =>
  z.preprocess(
    unset,
    z.coerce
      .number({ error: 'must be a number' })
      .gt(0, 'must be above 0')
      .lt(1, 'must be below 1')
      .default(fallback),
  );

const identityVariables = {
  /** Most source events resolved in one transaction. */
  MOSAIC_IDENTITY_BATCH_SIZE: count('MOSAIC_IDENTITY_BATCH_SIZE', 500),
  /**
   * The gallery size thresholds are computed for at least: a per-search
   * false-match rate needs a per-comparison rate of rate / gallery size.
   */
  MOSAIC_IDENTITY_GALLERY_SIZE: count('MOSAIC_IDENTITY_GALLERY_SIZE', 1_000_000),
  /** Per-search false-match rate allowed for an automatic link (DESIGN.md: 1e-4). */
  MOSAIC_IDENTITY_AUTO_LINK_FMR: rate(1e-4),
  /** Per-search false-match rate at which a pair is still sent to review. */
  MOSAIC_IDENTITY_REVIEW_FMR: rate(1e-2),
  /** Decoded records kept in memory per worker (records never change once stored). */
  MOSAIC_IDENTITY_RECORD_CACHE: count('MOSAIC_IDENTITY_RECORD_CACHE', 20_000, 0),
  /** Consumer group of the resolver; workers in one group share the source topics' partitions. */
  MOSAIC_IDENTITY_CONSUMER_GROUP: z.preprocess(
    unset,
    z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be 1–100 letters, digits, . _ -')
      .default('identity-resolver'),
  ),
  /** Infra mode: the search engine index that holds the candidate vectors and blocking keys. */
  MOSAIC_IDENTITY_CANDIDATE_INDEX: z.preprocess(
    unset,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,100}$/, 'must be a lower-case search engine index name')
      .default('mosaic-candidates'),
  ),
  /** Seed of the synthetic model trained when the database holds none (first boot). */
  MOSAIC_IDENTITY_BOOTSTRAP_SEED: count('MOSAIC_IDENTITY_BOOTSTRAP_SEED', 1, 0),
};

/** Resolution of source records into persons: the identity subgraph. */
export const identityService: ServiceDefinition<typeof identityVariables> = {
  name: 'identity',
  defaultPort: 4104,
  // Search: in infra mode the candidate index lives in the search engine.
  needs: { database: true, bus: true, search: true, auth: true },
  extra: identityVariables,
};

export type IdentityConfig = ServiceConfig<z.infer<z.ZodObject<typeof identityVariables>>>;

export const loadIdentityConfig = (
  env: Record<string, string | undefined> = process.env,
): IdentityConfig => loadServiceConfig(identityService, env);
