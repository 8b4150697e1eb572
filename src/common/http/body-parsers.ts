import { parse as parseQueryString } from 'node:querystring';
import type { FastifyBodyParser, FastifyInstance } from 'fastify';
import { MalformedRequestError } from '../errors/domain-errors.js';

/**
 * DRF's default parsers: JSON and HTML forms. An empty body counts as no data (DRF gives
 * "This field is required." for each field, not a parse error), and malformed JSON answers
 * 400 `{"detail": "JSON parse error - …"}`.
 */
export function registerBodyParsers(fastify: FastifyInstance, bodyLimit: number): void {
  const safeJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  // Fastify's parser (with its __proto__ / constructor poisoning checks); only when it fails is
  // the body parsed again, for JSON.parse's message, which says where the syntax breaks.
  const parseJson: FastifyBodyParser<string> = (request, body, done) => {
    if (body.trim() === '') return done(null, undefined);
    safeJson(request, body, (error, parsed) => {
      if (!error) return done(null, parsed);
      const syntaxError = jsonSyntaxError(body);
      done(syntaxError ? new MalformedRequestError(`JSON parse error - ${syntaxError}`) : error, undefined);
    });
  };
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, parseJson);
  fastify.addContentTypeParser(/^application\/[\w.+-]+\+json$/, { parseAs: 'string', bodyLimit }, parseJson);
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit },
    (_request, body: string, done) => {
      // A plain object copy: keys like "__proto__" stay ordinary (and are ignored later).
      done(null, Object.fromEntries(Object.entries(parseQueryString(body))));
    },
  );
}

/** JSON.parse's message for a body that is not JSON, or null when it is (a poisoning refusal). */
function jsonSyntaxError(body: string): string | null {
  try {
    JSON.parse(body);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
