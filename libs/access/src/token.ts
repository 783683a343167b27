import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuthConfig } from '@mosaic/config';
import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { AccessError } from './access-error';
import type { Principal } from './principal';
import { isRole, ROLES, type Role } from './roles';

/** The shortest HS256 secret accepted: 256 bits, as RFC 7518 §3.2 asks. */
export const MIN_SECRET_LENGTH = 32;
const DEFAULT_ISSUER = 'mosaic';
const DEFAULT_AUDIENCE = 'mosaic';
/** Asymmetric algorithms accepted from an identity provider's key set; never HS* or none. */
const JWKS_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];

export interface MintTokenOptions {
  user: string;
  roles: readonly Role[];
  secret: string;
  issuer?: string;
  audience?: string;
  /** Lifetime in seconds (default one hour). */
  ttlSeconds?: number;
  /** Issue time (tests inject it). */
  now?: Date;
}

/**
 * Signs a development token (HS256) for `user` with `roles`. Deployments get
 * their tokens from the identity provider instead (JWKS mode).
 */
export async function mintToken(options: MintTokenOptions): Promise<string> {
  const { user, roles, secret } = options;
  if (user.trim() === '') throw new Error('mintToken: user must not be empty');
  if (roles.length === 0) throw new Error('mintToken: at least one role is required');
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) {
    throw new Error(`mintToken: unknown role ${unknown.join(', ')} (one of ${ROLES.join(', ')})`);
  }
  assertSecret(secret);
  const ttl = options.ttlSeconds ?? 3600;
  if (!Number.isInteger(ttl) || ttl <= 0) {
    throw new Error('mintToken: ttlSeconds must be a positive integer');
  }
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ roles: [...new Set(roles)] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user)
    .setIssuer(options.issuer ?? DEFAULT_ISSUER)
    .setAudience(options.audience ?? DEFAULT_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(secret));
}

/** Throws unless `secret` is long enough to sign HS256 tokens. */
export function assertSecret(secret: string): void {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`the token secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
}

/**
 * The HS256 secret of a development setup, read the way the services read it:
 * the configured one, or the random one kept in the data folder (made on first
 * use, readable by its owner only). JWKS mode has no secret: tokens come from
 * the identity provider.
 */
export function developmentSecret(auth: AuthConfig): string {
  switch (auth.kind) {
    case 'hs256':
      assertSecret(auth.secret);
      return auth.secret;
    case 'hs256-file':
      return secretKeptIn(auth.file);
    case 'jwks':
      throw new Error(
        `tokens come from the identity provider (${auth.url}); there is no development secret in JWKS mode`,
      );
  }
}

/**
 * The random secret kept in `file`, made on first use (readable by its owner
 * only): what every process of one embedded deployment agrees on.
 */
export function secretKeptIn(file: string): string {
  const existing = readSecret(file);
  if (existing !== null) return existing;
  mkdirSync(dirname(file), { recursive: true });
  try {
    // `wx`: when two services start at once, the first one's secret wins and the other reads it.
    writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const made = readSecret(file);
  if (made === null) throw new Error(`the token secret file ${file} is empty`);
  return made;
}

function readSecret(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const secret = text.trim();
  if (secret === '') return null;
  assertSecret(secret);
  return secret;
}

export interface TokenVerifierOptions {
  /** The verification time (tests inject it); defaults to now. */
  clock?: () => Date;
}

type KeySource =
  | { kind: 'secret'; key: () => Uint8Array; algorithms: string[] }
  | { kind: 'jwks'; keys: JWTVerifyGetKey; algorithms: string[] };

/**
 * Checks bearer tokens: signature (HS256 secret or the identity provider's
 * JWKS), algorithm, issuer, audience, expiry and claims. Every failure is an
 * AccessError UNAUTHENTICATED whose reason says what was wrong.
 */
export class TokenVerifier {
  private constructor(
    private readonly source: KeySource,
    private readonly issuer: string,
    private readonly audience: string,
    private readonly clock: () => Date,
  ) {}

  static fromConfig(auth: AuthConfig, options: TokenVerifierOptions = {}): TokenVerifier {
    const clock = options.clock ?? (() => new Date());
    if (auth.kind === 'jwks') {
      return new TokenVerifier(
        { kind: 'jwks', keys: createRemoteJWKSet(new URL(auth.url)), algorithms: JWKS_ALGORITHMS },
        auth.issuer,
        auth.audience,
        clock,
      );
    }
    // Read lazily so a service boots (and makes the secret file) only when a token arrives.
    let key: Uint8Array | null = null;
    const secretKey = () => (key ??= new TextEncoder().encode(developmentSecret(auth)));
    return new TokenVerifier(
      { kind: 'secret', key: secretKey, algorithms: ['HS256'] },
      auth.issuer,
      auth.audience,
      clock,
    );
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    const options = {
      algorithms: this.source.algorithms,
      issuer: this.issuer,
      audience: this.audience,
      currentDate: this.clock(),
      requiredClaims: ['sub', 'exp'],
    };
    // Outside the try: an unreadable secret is the server's fault, not the caller's.
    const key = this.source.kind === 'secret' ? this.source.key() : this.source.keys;
    try {
      const result =
        key instanceof Uint8Array
          ? await jwtVerify(token, key, options)
          : await jwtVerify(token, key, options);
      payload = result.payload;
    } catch (error) {
      throw new AccessError('UNAUTHENTICATED', this.describe(error));
    }
    return principalOf(payload);
  }

  private describe(error: unknown): string {
    if (error instanceof errors.JWTExpired) return 'the token has expired';
    if (error instanceof errors.JWTClaimValidationFailed) {
      switch (error.claim) {
        case 'iss':
          return `the token was not issued by ${JSON.stringify(this.issuer)}`;
        case 'aud':
          return `the token is not meant for ${JSON.stringify(this.audience)}`;
        case 'nbf':
          return 'the token is not valid yet';
        case 'iat':
          return 'the token was issued in the future';
        default:
          return `the token's ${error.claim} claim is invalid (${error.reason})`;
      }
    }
    if (error instanceof errors.JOSEAlgNotAllowed) {
      return `the token's signing algorithm is not accepted (only ${this.source.algorithms.join(', ')})`;
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return 'the token signature is invalid';
    }
    if (error instanceof errors.JWKSNoMatchingKey) {
      return "no key of the identity provider's key set matches the token";
    }
    if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
      return "the identity provider's key set could not be read";
    }
    if (error instanceof errors.JOSEError) return 'the token is malformed';
    if (typeof (error as NodeJS.ErrnoException | null)?.code === 'string') {
      // A network failure reaching the identity provider: fail closed, but say so.
      return "the identity provider's key set could not be fetched";
    }
    return 'the token could not be verified';
  }
}

/** The principal of verified claims: a sane subject and known roles, or UNAUTHENTICATED. */
export function principalOf(payload: JWTPayload): Principal {
  const user = payload.sub;
  if (typeof user !== 'string' || user.trim() === '') {
    throw new AccessError('UNAUTHENTICATED', 'the token has no subject (sub)');
  }
  // The subject ends up in logs and the audit trail: no control characters, bounded length.
  if (user.length > 200 || [...user].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f')) {
    throw new AccessError('UNAUTHENTICATED', "the token's subject (sub) is not a user name");
  }
  const roles = payload['roles'];
  if (!Array.isArray(roles) || roles.length === 0) {
    throw new AccessError('UNAUTHENTICATED', 'the token carries no roles');
  }
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) {
    throw new AccessError(
      'UNAUTHENTICATED',
      `the token carries an unknown role ${unknown.map((r) => JSON.stringify(r)).join(', ')}`,
    );
  }
  return {
    user,
    roles: [...new Set(roles as Role[])],
    tokenId: typeof payload.jti === 'string' ? payload.jti : null,
    expiresAt: new Date((payload.exp as number) * 1000),
  };
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | readonly string[] | null | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new AccessError('UNAUTHENTICATED', 'the request has no Authorization header');
  }
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(value);
  if (!match?.[1]) {
    throw new AccessError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"');
  }
  return match[1];
}
