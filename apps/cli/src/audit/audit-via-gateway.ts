import { CASE_HEADER, developmentToken, PURPOSE_HEADER } from '@mosaic/access';
import { loadServiceConfig, type ServiceDefinition } from '@mosaic/config';

/** Where `audit verify` finds the running gateway when neither --gateway-url nor MOSAIC_GATEWAY_URL says. */
export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:4000/graphql';

/** The token settings exactly as the services read them (same variables, same secret file). */
const tokenSettings: ServiceDefinition = {
  name: 'gateway',
  defaultPort: 4000,
  needs: { database: false, bus: false, search: false, auth: true },
};

/** A verification through the gateway that cannot be made, naming the option or the reason. */
export class GatewayVerifyError extends Error {
  override readonly name = 'GatewayVerifyError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** The gateway's answer to `auditVerification`, as the CLI asks for it. */
export interface GatewayVerification {
  ok: boolean;
  entriesChecked: number;
  headSequence: string | null;
  headHash: string | null;
  problem: { kind: string; sequence: string; entryId: string; message: string } | null;
  chainStart: string | null;
  reconciled: boolean | null;
  reconciliationOk: boolean | null;
  missingSequences: string[] | null;
  missingCount: number | null;
  mismatchedCount: number | null;
  latestPublishedHeadSequence: string | null;
  latestPublishedHeadState: string | null;
  reconciliation: string | null;
}

export const AUDIT_VERIFY_OPERATION = 'MosaicAuditVerify';

const QUERY = /* GraphQL */ `
  query MosaicAuditVerify($againstPublished: Boolean!) {
    auditVerification(againstPublished: $againstPublished) {
      ok
      entriesChecked
      headSequence
      headHash
      problem {
        kind
        sequence
        entryId
        message
      }
      chainStart
      reconciled
      reconciliationOk
      missingSequences
      missingCount
      mismatchedCount
      latestPublishedHeadSequence
      latestPublishedHeadState
      reconciliation
    }
  }
`;

export interface GatewayVerifyOptions {
  url: string;
  caseNumber: string | undefined;
  /** A token from the identity provider; otherwise one is minted with the deployment's secret. */
  token: string | undefined;
  user: string;
  againstPublished: boolean;
  env: Record<string, string | undefined>;
}

async function bearer(options: GatewayVerifyOptions): Promise<string> {
  if (options.token) return options.token;
  const auth = loadServiceConfig(tokenSettings, options.env).auth;
  if (!auth || auth.kind === 'jwks') {
    throw new GatewayVerifyError(
      '--token',
      'tokens come from the identity provider (MOSAIC_AUTH_JWKS_URL): pass an OVERSIGHT token',
    );
  }
  return developmentToken(auth, { user: options.user, roles: ['OVERSIGHT'], ttlSeconds: 300 });
}

/**
 * Asks the running gateway to verify its audit log, as an oversight user under
 * OVERSIGHT_AUDIT for a case: the gateway owns the log's database, and audits
 * this request like any other, so the verification is on the record without
 * a second process opening the database.
 */
export async function verifyThroughGateway(
  options: GatewayVerifyOptions,
): Promise<GatewayVerification> {
  if (!options.caseNumber) {
    throw new GatewayVerifyError(
      '--case',
      'is required when the verification goes through the gateway: the case number it is recorded under (e.g. CASE-2026-000123)',
    );
  }
  const token = await bearer(options);
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        [PURPOSE_HEADER]: 'OVERSIGHT_AUDIT',
        [CASE_HEADER]: options.caseNumber,
      },
      body: JSON.stringify({
        query: QUERY,
        operationName: AUDIT_VERIFY_OPERATION,
        variables: { againstPublished: options.againstPublished },
      }),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new GatewayVerifyError(
      'gateway',
      `cannot reach ${options.url} (${cause?.code ?? cause?.message ?? String(error)}); is it running? (--gateway-url or MOSAIC_GATEWAY_URL)`,
    );
  }
  const text = await response.text();
  let answer: {
    data?: { auditVerification?: GatewayVerification | null } | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    throw new GatewayVerifyError(
      'gateway',
      `${options.url} answered HTTP ${response.status} with no GraphQL answer`,
    );
  }
  const verification = answer.data?.auditVerification;
  if (!verification) {
    const errors = (answer.errors ?? [])
      .map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`)
      .join('; ');
    throw new GatewayVerifyError(
      'gateway',
      `${options.url} refused the verification (HTTP ${response.status}) — ${errors || 'no data'}`,
    );
  }
  return verification;
}
