import { appendFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenAPIBackend } from 'openapi-backend';
import type { Operation } from 'openapi-backend';

/**
 * Every response the e2e tests get through TestApp.request() is checked against the committed
 * openapi.json by openapi-backend (operation matching and ajv response validation): the
 * operation is found by method and path template, its status must be documented, and the
 * body must match that status's schema. So the document and the server cannot drift apart:
 * the whole e2e suite is the traffic that proves it.
 *
 * Skipped, because the document cannot say anything about them: paths it does not have
 * (unknown paths, /docs, /admin), methods a path does not have (405s, OPTIONS), and URLs that
 * are not URLs. An empty body is checked as `null`, the value DRF renders as nothing, so an
 * empty answer must be documented (a 204, or a nullable body).
 */

export interface CheckedResponse {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string | number | string[] | undefined>;
  text: string;
}

export type Verdict =
  | { result: 'valid'; operation: string }
  | { result: 'skipped'; reason: 'path not in the document' | 'method not in the document' | 'malformed URL' }
  | { result: 'mismatch'; operation: string; kind: 'undocumented status' | 'body' | 'content type'; problem: string };

const DOCUMENT_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'openapi.json');

// Formats the document uses, checked as the server writes them.
const FORMATS: Record<string, RegExp | ((value: string) => boolean)> = {
  decimal: /^-?\d+\.\d{2}$/,
  'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/,
  uri: (value) => URL.canParse(value),
  email: /^[^\s@]+@[^\s@]+$/,
  password: () => true,
};

function normalized(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

const backends = new Map<string, Promise<OpenAPIBackend>>();

function load(documentPath: string): Promise<OpenAPIBackend> {
  const loaded = backends.get(documentPath) ?? open(documentPath);
  backends.set(documentPath, loaded);
  return loaded;
}

async function open(documentPath: string): Promise<OpenAPIBackend> {
  const document = JSON.parse(readFileSync(documentPath, 'utf8'));
  // The document writes DRF's trailing slash; the router matches paths without it.
  document.paths = Object.fromEntries(Object.entries(document.paths).map(([path, item]) => [normalized(path), item]));
  const api = new OpenAPIBackend({
    definition: document,
    // Validators are compiled for the operations the traffic reaches, when it reaches them.
    quick: true,
    validate: true,
    ignoreTrailingSlashes: true,
    customizeAjv: (ajv) => {
      for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
      return ajv;
    },
  });
  await api.init();
  return api;
}

/** The path without its query string, or null when it is not a URL the server could route. */
function pathOf(url: string): string | null {
  try {
    const path = new URL(url, 'http://localhost').pathname;
    decodeURIComponent(path);
    return path;
  } catch {
    return null;
  }
}


/** The body as JSON (null when empty), the name of another media type, or what is wrong with it. */
function bodyOf(response: CheckedResponse): { value: unknown } | { mediaType: string } | { problem: string } {
  if (response.text.length === 0) return { value: null };
  const mediaType = String(response.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json') return { mediaType };
  try {
    return { value: JSON.parse(response.text) };
  } catch {
    return { problem: 'a body that is not JSON' };
  }
}

/** What openapi.json (or another version of it, for replays) says about one response. */
export async function checkResponse(response: CheckedResponse, documentPath = DOCUMENT_PATH): Promise<Verdict> {
  const path = pathOf(response.url);
  if (path === null) return { result: 'skipped', reason: 'malformed URL' };
  const api = await load(documentPath);
  const method = response.method.toLowerCase();
  const operations = api.router.getOperations();
  const samePath = operations.filter((operation) => normalized(operation.path) === normalized(path));
  let operation: Operation | undefined;
  if (samePath.length > 0) {
    // A documented path without this method (`GET /auth/users/set_password/` is not `users/{id}`).
    operation = samePath.find((candidate) => candidate.method === method);
    if (!operation) return { result: 'skipped', reason: 'method not in the document' };
  } else {
    operation = api.router.matchOperation({ method, path, headers: {}, query: {} });
    if (!operation) {
      const anyMethod = ['get', 'post', 'put', 'patch', 'delete'].some((other) => api.router.matchOperation({ method: other, path, headers: {} }));
      return { result: 'skipped', reason: anyMethod ? 'method not in the document' : 'path not in the document' };
    }
  }
  const name = `${response.method.toUpperCase()} ${operation.path}/`;
  const responses = operation.responses ?? {};
  const status = String(response.status);
  const documented = responses[status] ?? responses[`${status[0]}XX`] ?? responses.default;
  if (!documented) {
    return { result: 'mismatch', operation: name, kind: 'undocumented status', problem: `${status} is not documented (${Object.keys(responses).join(', ')})` };
  }
  const body = bodyOf(response);
  if ('problem' in body) return { result: 'mismatch', operation: name, kind: 'content type', problem: `${status} with ${body.problem}` };
  const content = 'content' in documented ? documented.content : undefined;
  if ('mediaType' in body) {
    // Another media type the operation documents (GET / answers a browser in HTML): nothing to parse.
    if (content?.[body.mediaType]) return { result: 'valid', operation: name };
    return { result: 'mismatch', operation: name, kind: 'content type', problem: `${status} with an undocumented "${body.mediaType}" body` };
  }
  if (!content?.['application/json']) {
    if (body.value === null) return { result: 'valid', operation: name };
    return { result: 'mismatch', operation: name, kind: 'body', problem: `${status} is documented without a body, but one came: ${response.text.slice(0, 200)}` };
  }
  const validation = api.validator.validateResponse(body.value, operation, response.status);
  if (validation.valid) return { result: 'valid', operation: name };
  const errors = (validation.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message}`).join('; ');
  return { result: 'mismatch', operation: name, kind: 'body', problem: `${status}: ${errors} — body ${response.text.slice(0, 300)}` };
}

/**
 * Fails the request (and so the test) on a response the document does not describe. With
 * OPENAPI_RESPONSES_RECORD=<file>, every response is also appended to that file as a JSON
 * line, so the suite's traffic can be replayed through checkResponse() against any version of
 * the document (how many responses were validated, how many disagreed, by kind).
 */
export async function assertDocumented(response: CheckedResponse): Promise<void> {
  const record = process.env.OPENAPI_RESPONSES_RECORD;
  if (record) {
    const { method, url, status, text } = response;
    appendFileSync(record, `${JSON.stringify({ method, url, status, headers: { 'content-type': response.headers['content-type'] }, text })}\n`);
  }
  const verdict = await checkResponse(response);
  if (verdict.result === 'mismatch') {
    throw new Error(`openapi.json does not describe ${response.method} ${response.url} → ${verdict.kind}: ${verdict.problem}`);
  }
}
