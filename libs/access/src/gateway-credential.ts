import { randomUUID } from 'node:crypto';
import type { GatewayCredentialConfig } from '@mosaic/config';
import { decodeJwt, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { AccessError } from './access-error';
import type { AccessContext } from './principal';
import { parsePurpose } from './purpose';
import { assertSecret, bearerToken, principalOf, secretKeptIn } from './token';
import { CASE_HEADER, PURPOSE_HEADER, type Role } from './roles';

/** Who signs a gateway credential: never a user-token issuer. */
export const GATEWAY_CREDENTIAL_ISSUER = 'mosaic-gateway';

/** A credential is for one subgraph: replayed at another, it is refused. */
export const subgraphAudience = (subgraph: string): string => `mosaic-subgraph:${subgraph}`;

/**
 * How long a credential is good for. The gateway signs one per subgraph call,
 * so this only has to cover clock skew and one call's time in flight.
 */
export const GATEWAY_CREDENTIAL_TTL_SECONDS = 60;

/** The HS256 key of the gateway credential, read as every service of the deployment reads it. */
export function gatewayCredentialSecret(config: GatewayCredentialConfig): string {
  if (config.kind === 'hs256-file') return secretKeptIn(config.file);
  assertSecret(config.secret);
  return config.secret;
}

/** What a gateway credential says of the caller: who, acting why, for which case, until when. */
export type DeclaredAccess = Pick<
  AccessContext,
  'user' | 'roles' | 'purpose' | 'caseNumber' | 'expiresAt'
>;

export interface GatewayCredentialInput {
  /** The subgraph the call goes to (its audience). */
  subgraph: string;
  /** The caller as the gateway verified them, with the purpose and case it checked. */
  access: DeclaredAccess;
  /** The gateway's id of the client request, so a subgraph's logs tie to the audit entry. */
  requestId: string;
  now?: Date;
  ttlSeconds?: number;
}

/** What a subgraph learns from a valid gateway credential. */
export interface GatewayCall {
  access: AccessContext;
  requestId: string;
}

/**
 * Signs the credential of one gateway → subgraph call: the caller's verified
 * identity, purpose and case and the request id, for one subgraph, for a
 * minute at most and never past the user's own token.
 */
export async function mintGatewayCredential(
  secret: string,
  input: GatewayCredentialInput,
): Promise<string> {
  assertSecret(secret);
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const ttl = input.ttlSeconds ?? GATEWAY_CREDENTIAL_TTL_SECONDS;
  const userExpiry = Math.floor(input.access.expiresAt.getTime() / 1000);
  return new SignJWT({
    roles: [...input.access.roles],
    purpose: input.access.purpose,
    case: input.access.caseNumber,
    rid: input.requestId,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(input.access.user)
    .setIssuer(GATEWAY_CREDENTIAL_ISSUER)
    .setAudience(subgraphAudience(input.subgraph))
    .setIssuedAt(iat)
    .setExpirationTime(Math.min(iat + ttl, userExpiry))
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(secret));
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * A subgraph's check that a call comes from the gateway: signature with the
 * gateway key, issuer, this subgraph as audience, expiry, then the carried
 * identity, purpose and case checked again (defence in depth). A user's own
 * token is refused with a reason saying where to send it.
 */
export class GatewayCredentialVerifier {
  private key: Uint8Array | null = null;

  constructor(
    private readonly config: GatewayCredentialConfig,
    private readonly subgraph: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async verify(authorization: string | readonly string[] | undefined): Promise<GatewayCall> {
    const token = bearerToken(authorization);
    // Read lazily: a service boots (and makes the key file) without a call.
    this.key ??= new TextEncoder().encode(gatewayCredentialSecret(this.config));
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: GATEWAY_CREDENTIAL_ISSUER,
        audience: subgraphAudience(this.subgraph),
        currentDate: this.clock(),
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      throw new AccessError('UNAUTHENTICATED', this.describe(token, error));
    }
    const principal = principalOf(payload);
    const { purpose, caseNumber } = this.purposeOf(payload, principal.roles);
    const rid = payload['rid'];
    if (typeof rid !== 'string' || !REQUEST_ID.test(rid)) {
      throw new AccessError('UNAUTHENTICATED', 'the gateway credential carries no request id');
    }
    return {
      access: { ...principal, roles: principal.roles as Role[], purpose, caseNumber },
      requestId: rid,
    };
  }

  /** The carried purpose and case, checked as the gateway checks the headers, in the credential's words. */
  private purposeOf(payload: JWTPayload, roles: readonly Role[]) {
    try {
      return parsePurpose(
        typeof payload['purpose'] === 'string' ? payload['purpose'] : undefined,
        typeof payload['case'] === 'string' ? payload['case'] : undefined,
        { roles: [...roles] },
      );
    } catch (error) {
      if (!(error instanceof AccessError) || error.code !== 'PURPOSE_REQUIRED') throw error;
      const reason = error.reason
        .replace(`the ${PURPOSE_HEADER} header`, "the gateway credential's purpose")
        .replace(`the ${CASE_HEADER} header`, "the gateway credential's case number");
      throw new AccessError('PURPOSE_REQUIRED', reason);
    }
  }

  private describe(token: string, error: unknown): string {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      return 'the credential is malformed';
    }
    if (issuer !== GATEWAY_CREDENTIAL_ISSUER) {
      return `the ${this.subgraph} subgraph answers only the gateway: send the operation to the gateway's /graphql`;
    }
    if (error instanceof errors.JWTExpired) return 'the gateway credential has expired';
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
      return `the gateway credential is for another subgraph, not ${this.subgraph}`;
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return 'the gateway credential signature is invalid';
    }
    return 'the gateway credential could not be verified';
  }
}
