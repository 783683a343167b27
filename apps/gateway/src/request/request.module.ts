import { Module } from '@nestjs/common';
import { AUTHENTICATOR } from './authenticator';
import { DevelopmentAuthenticator } from './development.authenticator';

/** Who a request runs for. The JWT authenticator (accountability issue) replaces the provider here. */
@Module({
  providers: [{ provide: AUTHENTICATOR, useClass: DevelopmentAuthenticator }],
  exports: [AUTHENTICATOR],
})
export class RequestModule {}
