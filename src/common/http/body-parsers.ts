import { parse as parseQueryString } from 'node:querystring';
import { Busboy } from '@fastify/busboy';
import { errorCodes } from 'fastify';
import type { FastifyBodyParser, FastifyInstance, FastifyRequest } from 'fastify';
import { MalformedRequestError } from '../errors/domain-errors.js';

// Django refuses more than DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000) fields in one request; a
// JSON body gets the same bound on its keys, and a depth no body of this API comes near.
const MAX_FIELDS = 1000;
const MAX_JSON_DEPTH = 32;

/**
 * DRF's default parsers: JSON, HTML forms (`application/x-www-form-urlencoded`) and
 * multipart forms (`multipart/form-data`, what `new FormData(form)` sends). An empty body
 * counts as no data (DRF gives "This field is required." for each field, not a parse error),
 * and malformed JSON answers 400 `{"detail": "JSON parse error - …"}`.
 */
export function registerBodyParsers(fastify: FastifyInstance, bodyLimit: number): void {
  const safeJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  // Fastify's parser (with its __proto__ / constructor poisoning checks); only when it fails is
  // the body parsed again, for JSON.parse's message, which says where the syntax breaks.
  const parseJson: FastifyBodyParser<string> = (request, body, done) => {
    if (body.trim() === '') return done(null, undefined);
    safeJson(request, body, (error, parsed) => {
      if (!error) {
        const tooComplex = jsonShapeProblem(parsed);
        return tooComplex ? done(new MalformedRequestError(`JSON parse error - ${tooComplex}`), undefined) : done(null, parsed);
      }
      const syntaxError = jsonSyntaxError(body);
      done(syntaxError ? new MalformedRequestError(`JSON parse error - ${syntaxError}`) : error, undefined);
    });
  };
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, parseJson);
  fastify.addContentTypeParser(/^application\/[\w.+-]+\+json$/, { parseAs: 'string', bodyLimit }, parseJson);
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit }, (_request, body: string, done) => {
    // node:querystring gives a list for a repeated name; maxKeys 0: every field is read, and counted.
    const fields = Object.entries(parseQueryString(body, '&', '=', { maxKeys: 0 }));
    const count = fields.reduce((sum, [, value]) => sum + (Array.isArray(value) ? value.length : 1), 0);
    if (count > MAX_FIELDS) return done(new MalformedRequestError(`Form parse error - more than ${MAX_FIELDS} fields.`), undefined);
    done(null, formBody(fields));
  });
  fastify.addContentTypeParser('multipart/form-data', (request, payload, done) => parseMultipart(request, payload, bodyLimit, done));
}

/**
 * Why a parsed JSON body is refused before anything else reads it, or null. Every later step
 * (the validation pipe, class-transformer) walks the body, some of them recursively or in time
 * that grows faster than the body: bounding depth and keys here keeps every request's cost
 * linear in its size. The walk itself is iterative, so a deep body cannot overflow the stack.
 */
function jsonShapeProblem(body: unknown): string | null {
  let keys = 0;
  const pending: Array<[unknown, number]> = [[body, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_JSON_DEPTH) return `nested deeper than ${MAX_JSON_DEPTH} levels.`;
    const children = Array.isArray(value) ? value : Object.values(value);
    if (!Array.isArray(value)) {
      keys += children.length;
      if (keys > MAX_FIELDS) return `more than ${MAX_FIELDS} keys.`;
    }
    for (const child of children) if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
  }
  return null;
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

const FORM = Symbol('form body');

/**
 * A form's fields as Django's QueryDict reads them: `data["name"]` is the last value sent for
 * the name. DRF asks a QueryDict for every value only for fields that take a list
 * (ListField, MultipleChoiceField); no body here has one, so the last value is the value.
 * Marked as a form, so a nested serializer can read its `field.subfield` names (formDict).
 * A plain object copy: keys like "__proto__" stay ordinary (and are ignored later).
 */
function formBody(fields: Iterable<[string, string | string[] | undefined]>): Record<string, string> {
  const body: Record<string, string> = {};
  for (const [name, value] of fields) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (last !== undefined) Object.defineProperty(body, name, { value: last, enumerable: true, writable: true, configurable: true });
  }
  Object.defineProperty(body, FORM, { value: true });
  return body;
}

/** A body that came as a form (urlencoded or multipart), not as JSON. */
export function isFormBody(body: unknown): body is Record<string, string> {
  return typeof body === 'object' && body !== null && FORM in body;
}

/** A form body with only the fields whose names pass `keep`, still marked as a form. */
export function selectFields(body: Record<string, string>, keep: (name: string) => boolean): Record<string, string> {
  return formBody(Object.entries(body).filter(([name]) => keep(name)));
}

/**
 * DRF's nested serializer in a form (`html.parse_html_dict`): `shipping_address.city=Oxford`
 * is `{"shipping_address": {"city": "Oxford"}}`; only dotted names count, and with none the
 * field is missing. Undefined for a body that is not a form.
 */
export function formDict(body: unknown, field: string): Record<string, string> | undefined {
  if (!isFormBody(body)) return undefined;
  const prefix = `${field}.`;
  const entries = Object.entries(body).filter(([name]) => name.startsWith(prefix) && name.length > prefix.length);
  return entries.length > 0 ? formBody(entries.map(([name, value]) => [name.slice(prefix.length), value])) : undefined;
}


const multipartError = (reason: string) => new MalformedRequestError(`Multipart form parse error - ${reason}`);

/**
 * `multipart/form-data`, streamed through busboy: form fields only. A file part (one whose
 * Content-Disposition names a filename, as Django tells files apart) is refused with 400
 * `{"detail": "Multipart form parse error - …"}`: no endpoint takes a file, and DRF answers a
 * multipart body it cannot use with that ParseError (400) too; 415 would wrongly say the
 * media type itself is unsupported. An empty file input (no filename, no content), which
 * `new FormData(form)` sends for a file input left alone, is skipped, as Django does. The
 * body limit applies to the whole stream (413).
 */
function parseMultipart(
  request: FastifyRequest,
  payload: NodeJS.ReadableStream,
  bodyLimit: number,
  done: (error: Error | null, body?: unknown) => void,
): void {
  let finished = false;
  const finish = (error: Error | null, body?: unknown) => {
    if (finished) return;
    finished = true;
    if (error) {
      payload.unpipe();
      // Read and drop the rest, so the error response can be sent on this connection.
      payload.resume();
    }
    done(error, body);
  };
  const tooLarge = () => finish(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
  if (Number(request.headers['content-length']) > bodyLimit) return tooLarge();

  let received = 0;
  let parser: InstanceType<typeof Busboy>;
  try {
    parser = Busboy({
      headers: request.headers as { 'content-type': string },
      isPartAFile: (_name, _type, filename) => filename !== undefined,
      limits: { fieldNameSize: 1024, fieldSize: bodyLimit, parts: MAX_FIELDS },
    });
  } catch (error) {
    return finish(multipartError((error as Error).message));
  }
  const fields: Array<[string, string]> = [];
  parser.on('field', (name, value) => fields.push([name, value]));
  parser.on('file', (name, stream, filename) => {
    stream.resume();
    if (filename !== '') finish(multipartError(`file uploads are not accepted ("${name}" is a file).`));
  });
  parser.on('partsLimit', () => finish(multipartError(`more than ${MAX_FIELDS} fields.`)));
  // Django reads an empty multipart body as no data at all ("This field is required.").
  parser.on('error', (error: Error) => finish(received === 0 ? null : multipartError(error.message), received === 0 ? formBody([]) : undefined));
  parser.on('finish', () => finish(null, formBody(fields)));

  payload.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > bodyLimit) tooLarge();
  });
  payload.on('error', (error: Error) => finish(error));
  payload.pipe(parser);
}
