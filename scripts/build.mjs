// Builds what `npm start` and `npm run cli` run, only when what it is built from changed:
// the server (TypeScript → dist/, with the @nestjs/swagger compiler plugin that describes the
// DTOs) and the staff console (admin/ → admin/dist/, which keeps its own stamp). A warm
// `npm start` then costs a hash of the sources instead of a compile.
//
//   node scripts/build.mjs            server and console, each only if stale
//   node scripts/build.mjs --server   the server only (the CLI, TypeORM, the OpenAPI export)
//   node scripts/build.mjs --force    rebuild both whatever the stamps say (`npm run build`)
//   node scripts/build.mjs --watch    compile on every change and restart the server (`npm run start:dev`)
//   --postinstall                     (npm install) a missing TypeScript skips the build instead of failing
//
// This replaces `nest build`: the Nest CLI pulls in packages that require Node 22, and for a
// build it only runs the TypeScript compiler with the plugins listed in nest-cli.json, which is
// what this does (the plugin options and assets are still read from nest-cli.json).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const stampFile = join(dist, '.build-inputs');
const nestConfig = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8'));
const tsconfigPath = join(root, nestConfig.compilerOptions?.tsConfigPath ?? 'tsconfig.build.json');
/** Everything the server's build output depends on. Unit specs are not compiled, so they do not count. */
const serverInputs = ['src', 'ormconfig.ts', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package-lock.json', 'scripts/build.mjs'];

const args = new Set(process.argv.slice(2));
const force = args.has('--force');
const say = (line) => process.stderr.write(`${line}\n`);

function* files(path) {
  if (!existsSync(path)) return;
  if (statSync(path).isFile()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(path).sort()) yield* files(join(path, entry));
}

function inputsDigest() {
  const hash = createHash('sha256');
  for (const input of serverInputs) {
    for (const file of files(join(root, input))) {
      if (file.endsWith('.spec.ts')) continue;
      hash.update(`${relative(root, file)}\0`).update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex');
}

function serverIsFresh(digest) {
  return existsSync(join(dist, 'src', 'main.js')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest;
}

/** The TypeScript compiler and the compiler plugins of nest-cli.json, from the project's node_modules. */
async function loadCompiler() {
  const require = createRequire(join(root, 'package.json'));
  let ts;
  try {
    ts = require('typescript');
  } catch {
    return undefined;
  }
  const plugins = [];
  for (const entry of nestConfig.compilerOptions?.plugins ?? []) {
    const name = typeof entry === 'string' ? entry : entry.name;
    const options = typeof entry === 'string' ? {} : (entry.options ?? {});
    const plugin = await import(`${name}/plugin`);
    plugins.push((program) => plugin.before(options, program));
  }
  return { ts, plugins };
}

function readTsconfig(ts) {
  const config = ts.getParsedCommandLineOfConfigFile(tsconfigPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail(ts, [d]) });
  if (config.errors.length > 0) fail(ts, config.errors);
  return config;
}

function formatHost(ts) {
  return { getCanonicalFileName: (path) => path, getCurrentDirectory: ts.sys.getCurrentDirectory, getNewLine: () => ts.sys.newLine };
}

function fail(ts, diagnostics) {
  say(ts.formatDiagnosticsWithColorAndContext(diagnostics, formatHost(ts)));
  say(`Build failed: ${diagnostics.length} error(s).`);
  process.exit(1);
}

const escapeRegExp = (text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** nest-cli.json's assets (files the code reads at run time, e.g. the common-password list). */
function copyAssets() {
  const sourceRoot = join(root, nestConfig.sourceRoot ?? 'src');
  for (const asset of nestConfig.compilerOptions?.assets ?? []) {
    const pattern = typeof asset === 'string' ? asset : asset.include;
    const outDir = join(root, typeof asset === 'string' ? 'dist' : (asset.outDir ?? 'dist'));
    // The patterns are simple (`dir/*.ext`, `**`); fs.globSync needs Node 22.
    const matcher = new RegExp(`^${pattern.split('**').map((part) => part.split('*').map(escapeRegExp).join('[^/]*')).join('.*')}$`);
    for (const file of files(sourceRoot)) {
      if (!matcher.test(relative(sourceRoot, file))) continue;
      const target = join(outDir, relative(root, file));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(file, target);
    }
  }
}

async function buildServer(digest) {
  const started = performance.now();
  const compiler = await loadCompiler();
  if (!compiler) {
    say('Server: not built: TypeScript is not installed (devDependencies left out?). Run `npm install`.');
    // An install without devDependencies (npm ci --omit=dev) goes on; `npm start` then says the same and stops.
    process.exit(args.has('--postinstall') ? 0 : 1);
  }
  const { ts, plugins } = compiler;
  const config = readTsconfig(ts);
  rmSync(dist, { recursive: true, force: true });
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, projectReferences: config.projectReferences });
  const emitted = program.emit(undefined, undefined, undefined, undefined, { before: plugins.map((plugin) => plugin(program)) });
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  if (diagnostics.length > 0) {
    rmSync(stampFile, { force: true });
    fail(ts, diagnostics);
  }
  copyAssets();
  writeFileSync(stampFile, digest);
  say(`Server: built into dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

function buildConsole() {
  if (!existsSync(join(root, 'admin', 'node_modules', 'vite'))) {
    say('Staff console: not built, its packages are not installed: npm --prefix admin ci (/admin/ answers 503 until then).');
    return;
  }
  // admin/'s own build script (what `npm --prefix admin run build[:force]` runs), without npm's start-up.
  const script = join(root, 'admin', 'scripts', 'build.mjs');
  const result = spawnSync(process.execPath, force ? [script, '--force'] : [script], { cwd: join(root, 'admin'), stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** `npm run start:dev`: TypeScript's watch mode with the same plugins; the server restarts after each clean compile. */
async function watch() {
  const compiler = await loadCompiler();
  if (!compiler) {
    say('TypeScript is not installed: run `npm install`.');
    process.exit(1);
  }
  const { ts, plugins } = compiler;
  let server;
  const restart = () => {
    const start = () => {
      server = spawn(process.execPath, [join(dist, 'src', 'main.js')], { cwd: root, stdio: 'inherit' });
    };
    if (!server || server.exitCode !== null || server.signalCode !== null) return start();
    server.once('exit', start);
    server.kill('SIGTERM');
  };
  const host = ts.createWatchCompilerHost(
    tsconfigPath,
    {},
    ts.sys,
    ts.createEmitAndSemanticDiagnosticsBuilderProgram,
    (diagnostic) => say(ts.formatDiagnosticsWithColorAndContext([diagnostic], formatHost(ts))),
    (diagnostic) => say(ts.flattenDiagnosticMessageText(diagnostic.messageText, ts.sys.newLine)),
  );
  host.afterProgramCreate = (builder) => {
    const program = builder.getProgram();
    const emitted = builder.emit(undefined, undefined, undefined, undefined, { before: plugins.map((plugin) => plugin(program)) });
    const diagnostics = [...builder.getConfigFileParsingDiagnostics(), ...builder.getSyntacticDiagnostics(), ...builder.getSemanticDiagnostics(), ...emitted.diagnostics];
    if (diagnostics.length > 0) {
      say(ts.formatDiagnosticsWithColorAndContext(diagnostics, formatHost(ts)));
      rmSync(stampFile, { force: true });
      return;
    }
    copyAssets();
    // What was emitted is today's code, but not necessarily a whole clean build: no stamp.
    rmSync(stampFile, { force: true });
    restart();
  };
  ts.createWatchProgram(host);
  const stop = () => {
    if (server && server.exitCode === null) server.once('exit', () => process.exit(0)).kill('SIGTERM');
    else process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * One build of dist/ at a time: test files (and people) sharing a work tree may ask at once,
 * and a build starts by emptying dist/. The lock is a directory holding the builder's pid; a
 * lock whose process is gone is taken over.
 */
async function withBuildLock(build) {
  const lock = join(root, 'node_modules', '.cache', 'storedeal-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let holder;
      try {
        holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // just created, pid not written yet
      }
      if (holder && !isAlive(holder)) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    await build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

if (args.has('--watch')) {
  await watch();
} else {
  let digest = inputsDigest();
  if (force || !serverIsFresh(digest)) {
    await withBuildLock(async () => {
      // Someone else may have built the same sources while this process waited.
      digest = inputsDigest();
      if (force || !serverIsFresh(digest)) await buildServer(digest);
    });
  }
  if (!args.has('--server')) buildConsole();
}
