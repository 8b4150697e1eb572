// Builds the console unless nothing it is built from changed since the last build: `npm start`
// runs this every time, and a Vite build costs tens of seconds on a small machine.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const stampFile = join(dist, '.build-inputs');
const inputs = ['src', 'index.html', 'vite.config.ts', 'tsconfig.json', 'tsconfig.node.json', 'package-lock.json', '../sdk/src'];

function* files(path) {
  if (!existsSync(path)) return;
  if (statSync(path).isFile()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(path).sort()) yield* files(join(path, entry));
}

const hash = createHash('sha256');
for (const input of inputs) {
  for (const file of files(join(root, input))) hash.update(`${relative(root, file)}\0`).update(readFileSync(file)).update('\0');
}
const digest = hash.digest('hex');

const force = process.argv.includes('--force');
if (!force && existsSync(join(dist, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest) {
  process.stdout.write('Staff console: up to date (admin/dist), not rebuilt.\n');
} else {
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  writeFileSync(stampFile, digest);
}
