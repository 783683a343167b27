import { Module } from '@nestjs/common';
import { TokenVerifier } from '@mosaic/access';
import type { ServiceConfig } from '@mosaic/config';
import { SERVICE_CONFIG } from '@mosaic/service-kit';
import { AUTHENTICATOR, JwtAuthenticator } from './authenticator';

/** Who a request runs for: the bearer token, checked with the configured secret or key set. */
@Module({
  providers: [
    {
      provide: AUTHENTICATOR,
      inject: [SERVICE_CONFIG],
      useFactory: (config: ServiceConfig<unknown>) => {
        if (!config.auth) throw new Error('the gateway needs token checking (needs.auth)');
        return new JwtAuthenticator(TokenVerifier.fromConfig(config.auth));
      },
    },
  ],
  exports: [AUTHENTICATOR],
})
export class RequestModule {}
