import express, { type RequestHandler } from 'express';
import { HttpError } from './errors';

/** How large and how deeply nested a JSON request body may be (JSON_BODY_MAX_BYTES / JSON_BODY_MAX_DEPTH). */
export interface JsonLimits {
  maxBytes: number;
  maxDepth: number;
}

export const defaultJsonLimits: JsonLimits = { maxBytes: 1024 * 1024, maxDepth: 32 };

const quote = 0x22;
const backslash = 0x5c;
const opening = new Set([0x5b, 0x7b]);
const closing = new Set([0x5d, 0x7d]);

/**
 * Whether the arrays and objects of a JSON text nest deeper than `maxDepth`, found by one loop over its
 * UTF-8 bytes (no recursion, so no depth can overflow the stack). Bytes of multi-byte characters are all
 * 0x80 or above and never look like brackets or quotes. Malformed JSON is left for JSON.parse to refuse.
 */
export function nestsDeeperThan(utf8: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < utf8.length; index++) {
    const byte = utf8[index]!;
    if (inString) {
      if (byte === backslash) index += 1;
      else if (byte === quote) inString = false;
    } else if (byte === quote) {
      inString = true;
    } else if (opening.has(byte)) {
      if (++depth > maxDepth) return true;
    } else if (closing.has(byte)) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * The JSON body parser of every route: at most `maxBytes`, and nested at most `maxDepth` deep, checked on the
 * raw bytes before JSON.parse and before anything walks the parsed value (a 400 BODY_TOO_DEEP).
 */
export function jsonBody(limits: JsonLimits, mediaTypes: readonly string[] = ['application/json']): RequestHandler {
  return express.json({
    limit: limits.maxBytes,
    type: [...mediaTypes],
    verify: (_req, _res, body, encoding) => {
      const utf8 = /^utf-?8$/i.test(encoding) ? body : Buffer.from(new TextDecoder(encoding).decode(body), 'utf8');
      if (nestsDeeperThan(utf8, limits.maxDepth)) {
        throw new HttpError(
          400,
          'BODY_TOO_DEEP',
          `The request body nests arrays and objects more than ${limits.maxDepth} deep.`,
          'body',
          { limit: limits.maxDepth },
        );
      }
    },
  });
}
