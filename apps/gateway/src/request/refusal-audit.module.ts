import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type NestMiddleware,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AuditLog } from '@mosaic/audit-data';
import { HTTP_REFUSAL_LISTENER } from '@mosaic/service-kit';
import type { NextFunction, Request, Response } from 'express';
import { AUDIT_LOG, AuditGatewayModule } from '../audit';
import { RefusalAuditor, refusalAuditMiddleware } from './refusal-audit';

class RefusalAuditorLifecycle implements OnApplicationShutdown {
  constructor(@Inject(HTTP_REFUSAL_LISTENER) private readonly auditor: RefusalAuditor) {}

  onApplicationShutdown(): Promise<void> {
    return this.auditor.close();
  }
}

/** Tells the auditor of each /graphql request Apollo refused before its plugins ran. */
@Injectable()
export class RefusalAuditMiddleware implements NestMiddleware {
  private readonly handle: ReturnType<typeof refusalAuditMiddleware>;

  constructor(@Inject(HTTP_REFUSAL_LISTENER) auditor: RefusalAuditor) {
    this.handle = refusalAuditMiddleware(auditor);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    this.handle(req, res, next);
  }
}

/**
 * The gateway's HTTP_REFUSAL_LISTENER: global, so the platform's exception
 * filter (@mosaic/service-kit) finds it and audits bodies refused before
 * GraphQL ran.
 */
@Global()
@Module({})
export class RefusalAuditModule {
  static register(clock: () => Date, windowMs: number): DynamicModule {
    return {
      module: RefusalAuditModule,
      imports: [AuditGatewayModule],
      providers: [
        {
          provide: HTTP_REFUSAL_LISTENER,
          inject: [AUDIT_LOG],
          useFactory: (auditLog: AuditLog) => new RefusalAuditor({ auditLog, clock, windowMs }),
        },
        RefusalAuditorLifecycle,
        RefusalAuditMiddleware,
      ],
      exports: [HTTP_REFUSAL_LISTENER, RefusalAuditMiddleware],
    };
  }
}
