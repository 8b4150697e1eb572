// Writes the OpenAPI document to openapi.json, or with --check verifies that the committed
// openapi.json is valid and is exactly what the code generates. Runs on the compiled build
// (`nest build` applies the @nestjs/swagger plugin that describes the DTOs); starts no server
// and opens no database (see generateOpenApiDocument).
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const committedPath = join(root, 'openapi.json');
const check = process.argv.includes('--check');

const { generateOpenApiDocument } = await import(join(root, 'dist/src/openapi.js'));

/** Two-space JSON with a final newline: what is committed. */
const serialize = (document) => `${JSON.stringify(document, null, 2)}\n`;

/** Conventions the SDK and the storefronts rely on, beyond what the OpenAPI schema checks. */
function contractProblems(document) {
  const problems = [];
  const declaredTags = new Set((document.tags ?? []).map((tag) => tag.name));
  const ids = new Set();
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.endsWith('/')) problems.push(`${path}: paths end with a slash, as in DRF`);
    for (const [method, operation] of Object.entries(item)) {
      const name = `${method.toUpperCase()} ${path}`;
      if (!/^[a-z]+(_[a-z]+)*$/.test(operation.operationId ?? '')) problems.push(`${name}: operationId "${operation.operationId}" is not snake_case`);
      if (ids.has(operation.operationId)) problems.push(`${name}: operationId ${operation.operationId} is used twice`);
      ids.add(operation.operationId);
      if (!operation.tags?.length || operation.tags.some((tag) => !declaredTags.has(tag))) problems.push(`${name}: needs one declared tag`);
      const statuses = Object.keys(operation.responses ?? {});
      const successes = statuses.filter((status) => status.startsWith('2'));
      if (successes.length === 0) problems.push(`${name}: no success response`);
      for (const status of successes) {
        const response = operation.responses[status];
        if (status !== '204' && !response.$ref && !response.content) problems.push(`${name}: ${status} has no body schema`);
      }
      if (!Array.isArray(operation.security)) problems.push(`${name}: says nothing about security (public operations say security: [])`);
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'path' && parameter.schema?.type !== 'integer') problems.push(`${name}: path parameter ${parameter.name} is not an integer`);
      }
      const secured = (operation.security ?? []).some((requirement) => 'jwt' in requirement);
      if (secured && !statuses.includes('401')) problems.push(`${name}: protected but no 401 response`);
      if (!statuses.includes('500')) problems.push(`${name}: no 500 response`);
      if (!statuses.includes('503')) problems.push(`${name}: no 503 response`);
    }
  }
  return problems;
}

/** Null when the document (JSON text) is valid; otherwise what is wrong. */
async function problemsOf(json) {
  try {
    // The parser dereferences the object it is given: it gets a copy of its own.
    await SwaggerParser.validate(JSON.parse(json));
  } catch (error) {
    return [`not valid OpenAPI: ${error.message}`];
  }
  const problems = contractProblems(JSON.parse(json));
  return problems.length > 0 ? problems : null;
}

async function main() {
  const generated = serialize(await generateOpenApiDocument());
  if (!check) {
    // Written even when something is wrong, so the problem can be looked at in the file.
    writeFileSync(committedPath, generated);
    console.log(`Wrote ${relative(process.cwd(), committedPath) || committedPath}`);
  }
  const problems = await problemsOf(generated);
  if (problems) {
    console.error(`The generated document breaks the API conventions:\n  ${problems.join('\n  ')}`);
    return 1;
  }
  if (!check) return 0;

  let committed;
  try {
    committed = readFileSync(committedPath, 'utf8');
  } catch {
    console.error('openapi.json is missing: run `npm run openapi` and commit it.');
    return 1;
  }
  if (committed === generated) {
    console.log('openapi.json is valid OpenAPI, follows the conventions and matches the code.');
    return 0;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'storedeal-openapi-'));
  try {
    const generatedPath = join(scratch, 'openapi.json');
    writeFileSync(generatedPath, generated);
    const diff = spawnSync('diff', ['-u', '--label', 'openapi.json (committed)', '--label', 'openapi.json (generated)', committedPath, generatedPath], {
      encoding: 'utf8',
    });
    console.error(`${(diff.stdout ?? '').split('\n').slice(0, 80).join('\n')}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  console.error('openapi.json is not what the code generates: run `npm run openapi` (and `npm run sdk`), then commit both.');
  return 1;
}

process.exitCode = await main();
