import type { NextFunction, Request, Response } from 'express';
import { loadGatewayConfig } from '../config/gateway.config';
import { corsMiddleware } from '../request/cors.middleware';

interface Answer {
  status: number | null;
  headers: Record<string, string>;
  passed: boolean;
}

function call(method: string, headers: Record<string, string>): Answer {
  const answer: Answer = { status: null, headers: {}, passed: false };
  const res = {
    setHeader: (name: string, value: string) => {
      answer.headers[name] = value;
    },
    status: (code: number) => {
      answer.status = code;
      return res;
    },
    end: () => res,
  };
  const next: NextFunction = () => {
    answer.passed = true;
  };
  corsMiddleware(new Set(['http://127.0.0.1:4080']))(
    { method, headers } as unknown as Request,
    res as unknown as Response,
    next,
  );
  return answer;
}

describe('gateway CORS (the console origin only)', () => {
  it('answers the console origin’s preflight with the headers a request needs', () => {
    const answer = call('OPTIONS', {
      origin: 'http://127.0.0.1:4080',
      'access-control-request-method': 'POST',
    });
    expect(answer.status).toBe(204);
    expect(answer.passed).toBe(false);
    expect(answer.headers['access-control-allow-origin']).toBe('http://127.0.0.1:4080');
    expect(answer.headers['access-control-allow-headers']).toContain('x-mosaic-purpose');
    expect(answer.headers['access-control-allow-headers']).toContain('authorization');
  });

  it('refuses another origin’s preflight, without CORS headers', () => {
    const answer = call('OPTIONS', {
      origin: 'http://evil.example',
      'access-control-request-method': 'POST',
    });
    expect(answer.status).toBe(403);
    expect(answer.headers).toEqual({});
  });

  it('marks the console’s requests readable and lets them through; others pass untouched', () => {
    const allowed = call('POST', { origin: 'http://127.0.0.1:4080' });
    expect(allowed.passed).toBe(true);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://127.0.0.1:4080');
    const other = call('POST', { origin: 'http://127.0.0.1:9999' });
    expect(other.passed).toBe(true);
    expect(other.headers).toEqual({});
    expect(call('POST', {}).passed).toBe(true);
  });

  it('reads MOSAIC_GATEWAY_CORS_ORIGINS as a list of origins and refuses a path', () => {
    const env = { MOSAIC_GATEWAY_CORS_ORIGINS: 'http://127.0.0.1:4080, https://console.example' };
    expect(loadGatewayConfig(env).extra.MOSAIC_GATEWAY_CORS_ORIGINS).toEqual([
      'http://127.0.0.1:4080',
      'https://console.example',
    ]);
    expect(loadGatewayConfig({}).extra.MOSAIC_GATEWAY_CORS_ORIGINS).toEqual([]);
    expect(() =>
      loadGatewayConfig({ MOSAIC_GATEWAY_CORS_ORIGINS: 'http://127.0.0.1:4080/console' }),
    ).toThrow(/MOSAIC_GATEWAY_CORS_ORIGINS/);
  });
});
