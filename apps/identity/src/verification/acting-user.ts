import { AccessError, effectiveRoles, type AccessContext, type Role } from '@mosaic/access';
import { accessDeniedError, forbiddenError, type SubgraphContext } from '@mosaic/service-kit';

/** Who performs a verification or dispute action: a verified user under a declared purpose and case. */
export type Actor = Pick<AccessContext, 'user' | 'roles' | 'purpose' | 'caseNumber'>;

/**
 * The verified caller of a mutation. The field guard refuses requests
 * without one before any resolver runs; this keeps a resolver from ever
 * acting for nobody should it be reached another way.
 */
export function actingUser(context: SubgraphContext): Actor {
  if (!context.access) {
    throw accessDeniedError(
      context.accessError ??
        new AccessError('UNAUTHENTICATED', 'the request carries no verified access context'),
    );
  }
  return context.access;
}

/**
 * Refuses (FORBIDDEN naming `field`) an actor none of whose roles, as open
 * under the declared purpose, is among `roles`. The role × field matrix says
 * the same at the schema; a use case states its own rule so it holds
 * whoever calls it.
 */
export function requireRole(actor: Actor, roles: readonly Role[], field: string): void {
  const acting = effectiveRoles(actor);
  if (acting.some((role) => roles.includes(role))) return;
  throw forbiddenError(
    field,
    `${field} is open to ${roles.join(', ')}; ${acting.length === 0 ? 'no role' : acting.join(', ')} under ${actor.purpose} may not do it`,
  );
}
