import {
  gatewayCredentialSecret,
  mintGatewayCredential,
  type DeclaredAccess,
} from '@mosaic/access';
import type { GatewayCredentialConfig } from '@mosaic/config';

/**
 * Signs the gateway's credential for each subgraph call (ADR 0012): one per
 * call, for that subgraph only, valid for a minute at most.
 */
export class GatewayCredentialSigner {
  private secret: string | null = null;

  constructor(
    private readonly config: GatewayCredentialConfig,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  sign(subgraph: string, call: DeclaredAccess & { requestId: string }): Promise<string> {
    this.secret ??= gatewayCredentialSecret(this.config);
    const { requestId, ...access } = call;
    return mintGatewayCredential(this.secret, { subgraph, access, requestId, now: this.clock() });
  }
}
