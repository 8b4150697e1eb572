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
  const parseJson: FastifyBodyParser<string> = (request, body, done) => {
    if (body.trim() === '') return done(null, undefined);
    try {
      JSON.parse(body);
    } catch (error) {
      return done(new MalformedRequestError(`JSON parse error - ${(error as Error).message}`), undefined);
    }
    // Fastify's parser again, for its __proto__ / constructor poisoning checks.
    safeJson(request, body, done);
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
