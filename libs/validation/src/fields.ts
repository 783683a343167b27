import { alpha3ToAlpha2 } from 'i18n-iso-countries';
import { z } from 'zod';

/** ISO 3166-1 alpha-3, checked against the standard's list (not just the shape). */
export const countryCode = z
  .string()
  .refine((code) => /^[A-Z]{3}$/.test(code) && alpha3ToAlpha2(code) !== undefined, {
    message: 'unknown country code (expected ISO 3166-1 alpha-3, e.g. "GBR")',
  });

const DATE_SHAPE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * A date as a source records it: `YYYY-MM-DD`, or partial `YYYY-MM` / `YYYY`.
 * It must exist on the calendar and lie between 1900 and today.
 */
export const recordedDate = z.string().superRefine((value, ctx) => {
  const match = DATE_SHAPE.exec(value);
  if (!match) {
    ctx.addIssue({ code: 'custom', message: 'expected YYYY-MM-DD, YYYY-MM or YYYY' });
    return;
  }
  const [, y, m, d] = match;
  const year = Number(y);
  const month = m === undefined ? 1 : Number(m);
  const day = d === undefined ? 1 : Number(d);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    ctx.addIssue({ code: 'custom', message: `${value} is not a calendar date` });
    return;
  }
  if (year < 1900 || date.getTime() > Date.now()) {
    ctx.addIssue({ code: 'custom', message: `${value} is outside 1900 to today` });
  }
});

/** An instant with its offset, as ISO 8601 (`2024-05-01T10:00:00Z`). */
export const timestamp = z.iso.datetime({
  offset: true,
  message: 'expected an ISO 8601 timestamp with offset',
});

export const quality = z
  .number()
  .min(0, 'quality must be between 0 and 1')
  .max(1, 'quality must be between 0 and 1');

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Decodes a base64 little-endian float32 template (no validation). */
export function decodeTemplate(base64: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  if (LITTLE_ENDIAN) {
    // Copy into an aligned buffer: a view needs a 4-byte-aligned offset, which pooled Buffers lack.
    return new Float32Array(new Uint8Array(bytes).buffer, 0, bytes.length >> 2);
  }
  const v = new Float32Array(bytes.length >> 2);
  for (let i = 0; i < v.length; i++) v[i] = bytes.readFloatLE(i * 4);
  return v;
}

/**
 * A biometric template: base64 of `dimensions` little-endian float32 values,
 * finite and of unit norm (within 1e-3), as every matcher in Mosaic expects.
 */
export function template(dimensions: number) {
  return z.string().superRefine((value, ctx) => {
    if (!BASE64.test(value) || value.length % 4 !== 0) {
      ctx.addIssue({ code: 'custom', message: 'template must be base64' });
      return;
    }
    const bytes = Buffer.byteLength(value, 'base64');
    if (bytes !== dimensions * 4) {
      ctx.addIssue({
        code: 'custom',
        message: `template must hold ${dimensions} float32 values (${dimensions * 4} bytes), got ${bytes} bytes`,
      });
      return;
    }
    const v = decodeTemplate(value);
    let sum = 0;
    for (const x of v) {
      if (!Number.isFinite(x)) {
        ctx.addIssue({ code: 'custom', message: 'template holds a non-finite value' });
        return;
      }
      sum += x * x;
    }
    const norm = Math.sqrt(sum);
    if (Math.abs(norm - 1) > 1e-3) {
      ctx.addIssue({
        code: 'custom',
        message: `template must be unit-norm, norm is ${norm.toFixed(4)}`,
      });
    }
  });
}
