#!/usr/bin/env node
// Storedeal's benchmark: our server and the bare node:http + pg baseline, on the same
// PostgreSQL database and the same number of worker processes, measured alternately with wrk
// (pinned to one core) in one run. See bench/README.md for how to run it and what it measures.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const settings = {
  serverUrl: process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  database: process.env.BENCH_DB ?? 'storedeal_bench',
  // The baseline is copied here and run with the project's own `pg` (the same version its
  // package.json pins), so nothing is installed into the read-only shared folder.
  bareSource: resolve(root, process.env.BARE_DIR ?? '../shared/bench'),
  bareDir: join(root, 'bench', '.bare'),
  sizes: (process.env.SIZES ?? '10000,1000000').split(',').map(Number),
  workers: Number(process.env.WORKERS ?? 1),
  duration: Number(process.env.DURATION ?? 6),
  repeats: Number(process.env.REPEATS ?? 3),
  connections: Number(process.env.CONNECTIONS ?? 32),
  logLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
  ourPort: 8200,
  barePort: 8100,
  floorPort: 8300,
};
const secret = 'storedeal-bench-secret-0123456789abcdef';
const log = (line) => process.stderr.write(`${line}\n`);

const databaseUrl = (() => {
  const url = new URL(settings.serverUrl);
  url.pathname = `/${settings.database}`;
  return url.toString();
})();

async function sql(url, text) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

function run(command, args, env = {}) {
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
}

function startProcess(command, args, env, cwd = root) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!child.stopping) log(`${command} ${args.join(' ')} exited early (${code ?? signal})`);
  });
  return child;
}

async function stopProcess(child) {
  child.stopping = true;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

async function waitFor(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

async function api(method, path, body, token) {
  const response = await fetch(`http://127.0.0.1:${settings.ourPort}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const UNITS = { us: 0.001, ms: 1, s: 1000, m: 60_000 };
const toMs = (text) => {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  return match ? Number(match[1]) * UNITS[match[2]] : NaN;
};

const luaDir = join(root, 'bench', '.lua');
function postScript(name, body) {
  mkdirSync(luaDir, { recursive: true });
  const file = join(luaDir, `${name}.lua`);
  writeFileSync(
    file,
    `wrk.method = "POST"\nwrk.body = ${JSON.stringify(JSON.stringify(body))}\nwrk.headers["Content-Type"] = "application/json"\n`,
  );
  return file;
}

/**
 * A wrk script whose GET changes on every request, so that the server's one-second listing
 * cache does not answer it: the cost of a listing the server has not seen. `lua` returns the
 * path (page_size is drawn from 10–30 too, which makes repeats within a second rare).
 */
function varyingScript(name, lua) {
  mkdirSync(luaDir, { recursive: true });
  const file = join(luaDir, `${name}.lua`);
  writeFileSync(file, `request = function()\n  local size = math.random(10, 30)\n${lua}\nend\n`);
  return file;
}

/** One wrk run, pinned to CPU 1 so it does not wander onto the servers' core mid-run. */
function wrk(url, { token, script, connections = settings.connections, duration = settings.duration } = {}) {
  const args = ['-c', '1', 'wrk', '-t1', `-c${connections}`, `-d${duration}s`, '--latency', '--timeout', '10s'];
  if (token) args.push('-H', `Authorization: Bearer ${token}`);
  if (script) args.push('-s', script);
  args.push(url);
  const output = execFileSync('taskset', args, { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
  const p50 = toMs(/\s50%\s+(\S+)/.exec(output)?.[1] ?? '');
  const p99 = toMs(/\s99%\s+(\S+)/.exec(output)?.[1] ?? '');
  const errors = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const socketErrors = /Socket errors:.*/.exec(output)?.[0];
  const requests = Number(/(\d+) requests in/.exec(output)?.[1]);
  return { rps, p50, p99, errors, socketErrors, requests };
}

const clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** CPU time (user + system, ms) a process has used, from /proc/<pid>/stat; 0 once it is gone. */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
  } catch {
    return 0;
  }
}

/** CPU time a server has used: its process and, with WORKERS > 1, its worker processes. */
function serverCpuMs(child) {
  let workers = [];
  try {
    workers = execFileSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    // no child processes
  }
  return [child.pid, ...workers].reduce((sum, pid) => sum + processCpuMs(pid), 0);
}

/** A wrk run and the server's CPU time per request it answered (µs): what one request costs it. */
function measured(child, load) {
  const before = serverCpuMs(child);
  const result = load();
  return { ...result, cpuUs: ((serverCpuMs(child) - before) * 1000) / result.requests };
}

/**
 * Waits until PostgreSQL has no query running: a server's leftover queries (the bare server's
 * exact counts take seconds at a million rows) must not land in the next server's run.
 */
async function settle() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const [{ busy }] = await sql(
      databaseUrl,
      "SELECT count(*)::int AS busy FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
    );
    if (busy === 0) return;
    await new Promise((done) => setTimeout(done, 200));
  }
}

/**
 * `settings.repeats` runs of `first` and, when given, of `second`, alternated, each once
 * PostgreSQL has settled; their medians as `ours` and `bare`, the columns of the table.
 */
async function alternately(first, second) {
  const runs = { first: [], second: [] };
  for (let repeat = 0; repeat < settings.repeats; repeat += 1) {
    await settle();
    runs.first.push(first());
    if (!second) continue;
    await settle();
    runs.second.push(second());
  }
  return { ours: summarise(runs.first), bare: second ? summarise(runs.second) : undefined };
}

/** A result's row, on stderr as soon as it is measured. */
function logRow(result) {
  log(format([result]).split('\n').slice(2).join('\n'));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
function summarise(runs) {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    cpuUs: runs.every((r) => r.cpuUs !== undefined) ? median(runs.map((r) => r.cpuUs)) : undefined,
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

async function prepareDatabase() {
  log(`database ${databaseUrl} (recreated)`);
  await sql(settings.serverUrl, `DROP DATABASE IF EXISTS ${settings.database} WITH (FORCE)`);
  await sql(settings.serverUrl, `CREATE DATABASE ${settings.database}`);
  run('node', ['dist/src/cli.js', 'migrate'], { DATABASE_URL: databaseUrl });
}

async function seedTo(size) {
  const [{ count }] = await sql(databaseUrl, 'SELECT count(*)::int AS count FROM products');
  if (count < size) {
    const started = performance.now();
    run('node', ['dist/src/cli.js', 'seed', '--categories', '20', '--products', String(size - count)], { DATABASE_URL: databaseUrl });
    log(`storedeal seed of ${size - count} products: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  run('node', [join(settings.bareDir, 'bare.mjs'), 'seed', String(size)], { DATABASE_URL: databaseUrl });
  // The steady state of a catalogue: statistics current, the trigram index's pending list merged.
  await sql(databaseUrl, 'VACUUM ANALYZE');
}

function startServers() {
  const ours = startProcess('node', ['dist/src/main.js'], {
    DATABASE_URL: databaseUrl,
    PORT: String(settings.ourPort),
    HOST: '127.0.0.1',
    WORKERS: String(settings.workers),
    NODE_ENV: 'production',
    JWT_SECRET: secret,
    JWT_ACCESS_LIFETIME: '86400',
    LOG_LEVEL: settings.logLevel,
    LOGIN_FAILURE_LIMIT: '1000000',
    SENSITIVE_RATE_LIMIT: '1000000',
  });
  const bare = startProcess('node', ['bare.mjs', 'serve'], {
    DATABASE_URL: databaseUrl,
    PORT: String(settings.barePort),
    WORKERS: String(settings.workers),
  }, settings.bareDir);
  return { ours, bare };
}

/** A new account on our server, logged in. */
async function registerUser(username) {
  const password = 'Velvet-Harbour-93';
  await api('POST', '/auth/users/', { username, password, re_password: password });
  const { access } = await api('POST', '/auth/jwt/create/', { username, password });
  return { username, password, access };
}

/** A user with a 10-line cart on our server; the bare server's user 1 has one from its seed. */
async function benchUser(size) {
  const user = await registerUser(`bench_${size}_${Date.now()}`);
  // Products 1–9 and 11 (the seed leaves every tenth product out of stock).
  for (const id of [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]) await api('POST', '/cart/', { product_id: id, quantity: 1 + (id % 3) }, user.access);
  return user;
}

/** A user whose 10 lines are spread over the catalogue, as a real shopper's are (the bare server has no such cart). */
async function spreadCartUser(size) {
  const user = await registerUser(`bench_spread_${size}_${Date.now()}`);
  for (let line = 0; line < 10; line += 1) {
    const id = Math.floor((size * (2 * line + 1)) / 20);
    await api('POST', '/cart/', { product_id: id % 10 === 0 ? id + 1 : id, quantity: 1 }, user.access);
  }
  return user;
}

/** The products shopper `index` buys: three of its own (so shoppers do not queue on each other's rows), spread over the catalogue. */
const checkoutProducts = (size, index) => [0, 1, 2].map((line) => 1 + ((index * 3 + line) * 7919) % size);

/** One shopper per checkout connection, each with a token of its own (written to a file for the load generator). */
async function checkoutShoppers(size, count) {
  const ids = Array.from({ length: count }, (_, index) => checkoutProducts(size, index)).flat();
  await sql(databaseUrl, `UPDATE products SET stock = 100000000 WHERE id IN (${ids.join(', ')})`);
  const tokens = [];
  for (let index = 0; index < count; index += 1) {
    tokens.push((await registerUser(`checkout_${size}_${index}_${Date.now()}`)).access);
  }
  mkdirSync(luaDir, { recursive: true });
  const file = join(luaDir, 'checkout-tokens.txt');
  writeFileSync(file, `${tokens.map((token, index) => `${token} ${checkoutProducts(size, index).join(',')}`).join('\n')}\n`);
  return file;
}

/** The checkout scenario: 16 shoppers filling a 3-line cart and checking out, over and over. */
function checkoutLoad(ours, tokensFile, duration = settings.duration) {
  const output = execFileSync(
    'taskset',
    ['-c', '1', 'node', join(root, 'bench', 'checkout-load.mjs'), ours, '16', String(duration), tokensFile],
    { encoding: 'utf8' },
  );
  const result = JSON.parse(output);
  return { rps: result.ordersPerSecond, p50: result.p50, p99: result.p99, errors: result.errors };
}

function bareToken() {
  return execFileSync('node', [join(settings.bareDir, 'bare.mjs'), 'token', '1'], { encoding: 'utf8' }).trim();
}

async function measure(size) {
  await seedTo(size);
  const servers = startServers();
  try {
    await waitFor(`http://127.0.0.1:${settings.ourPort}/health/live`);
    await waitFor(`http://127.0.0.1:${settings.barePort}/products/1/`);
    const user = await benchUser(size);
    const spread = await spreadCartUser(size);
    // Statistics that know the carts just filled, as autovacuum's analyze would have them (this
    // machine's PostgreSQL runs without autovacuum). With the seed's statistics, cart_items
    // looked all but empty: the cart's prepared statement then never got a generic plan and was
    // planned again at every execution, twice PostgreSQL's CPU per GET /cart/.
    await sql(databaseUrl, 'ANALYZE cart_items');
    const token = bareToken();
    const ours = `http://127.0.0.1:${settings.ourPort}`;
    const bare = `http://127.0.0.1:${settings.barePort}`;
    const middle = Math.floor(size / 2);
    // Page-number mode reaches 10,000 results (MAX_PAGE_DEPTH): its deepest page, then a cursor at 90% depth.
    const deepestPage = Math.min(500, Math.floor(size / 20));
    const deepDepth = Math.min(10_000, size);
    const deepCursor = Buffer.from(JSON.stringify({ o: 'id', i: Math.floor(size * 0.9) })).toString('base64url');
    const cartPost = postScript('cart-post', { product_id: 5, quantity: 2 });
    const searchVarying = varyingScript(
      'search-varying',
      '  return wrk.format("GET", "/products/?search=chair%20" .. math.random(1, 999) .. "&page_size=" .. size)',
    );
    const pageVarying = varyingScript(
      'page-varying',
      `  local offset = math.random(${Math.floor(deepDepth * 0.8)}, ${deepDepth} - size)\n` +
        '  return wrk.format("GET", "/products/?page=" .. (math.floor(offset / size) + 1) .. "&page_size=" .. size)',
    );

    const scenarios = [
      { name: 'GET /products/{id}/', ours: `${ours}/products/${middle}/`, bare: `${bare}/products/${middle}/` },
      {
        name: 'GET /products/{id}/ with a valid token',
        ours: `${ours}/products/${middle}/`,
        bare: `${bare}/products/${middle}/`,
        auth: true,
      },
      { name: 'GET /products/ (first page)', ours: `${ours}/products/`, bare: `${bare}/products/` },
      { name: 'GET /products/?category=3&ordering=price', ours: `${ours}/products/?category=3&ordering=price` },
      { name: 'GET /products/?search=chair 77', ours: `${ours}/products/?search=chair%2077` },
      { name: 'GET /products/?search=chair N&page_size=M (N 1–999, M 10–30 at random: uncached)', ours: `${ours}/products/`, script: searchVarying },
      // The same at 4 connections: how long an unseen search takes with few in flight (at 32, most of it is queueing).
      { name: 'the same uncached search, 4 connections', ours: `${ours}/products/`, script: searchVarying, connections: 4 },
      { name: `GET /products/?page=${deepestPage} (deepest page-number page, offset ${(deepestPage - 1) * 20})`, ours: `${ours}/products/?page=${deepestPage}` },
      { name: 'GET /products/?page=N&page_size=M (offset 8,000–10,000, M 10–30 at random: uncached)', ours: `${ours}/products/`, script: pageVarying },
      { name: 'the same uncached deep page, 4 connections', ours: `${ours}/products/`, script: pageVarying, connections: 4 },
      { name: 'GET /products/?cursor=… (90% deep, keyset)', ours: `${ours}/products/?cursor=${deepCursor}` },
      { name: 'GET /cart/ (10 lines)', ours: `${ours}/cart/`, bare: `${bare}/cart/`, auth: true },
      { name: 'GET /cart/ (10 lines spread over the catalogue)', ours: `${ours}/cart/`, token: spread.access },
      { name: 'POST /cart/ (set quantity)', ours: `${ours}/cart/`, bare: `${bare}/cart/`, auth: true, script: cartPost },
    ];

    const results = [];
    for (const scenario of scenarios) {
      const oursToken = scenario.token ?? (scenario.auth ? user.access : undefined);
      const ours = () => measured(servers.ours, () => wrk(scenario.ours, { token: oursToken, script: scenario.script, connections: scenario.connections }));
      const bare = () => measured(servers.bare, () => wrk(scenario.bare, { token: scenario.auth ? token : undefined, script: scenario.script }));
      wrk(scenario.ours, { token: oursToken, script: scenario.script, duration: 2 }); // warm-up
      if (scenario.bare) wrk(scenario.bare, { token: scenario.auth ? token : undefined, script: scenario.script, duration: 2 });
      const result = { size, name: scenario.name, ...(await alternately(ours, scenario.bare && bare)) };
      results.push(result);
      logRow(result);
    }
    if (size === Math.max(...settings.sizes)) {
      const tokensFile = await checkoutShoppers(size, 16);
      checkoutLoad(ours, tokensFile, 2); // warm-up
      const checkout = await alternately(() => checkoutLoad(ours, tokensFile));
      const result = { size, name: 'checkout: 3-line cart → POST /orders/ (16 shoppers; req/s = orders/s)', ...checkout };
      results.push(result);
      logRow(result);
      results.push(...(await loginFlood(ours, user, middle)));
      if (settings.workers === 1) results.push(await nestFloor(servers.bare, `${bare}/products/${middle}/`, middle));
    }
    return results;
  } finally {
    await stopProcess(servers.ours);
    await stopProcess(servers.bare);
  }
}

/**
 * Product detail on bench/nest-floor.mjs (NestJS and Fastify with that one route, none of our
 * pipeline) against the bare server: how much of Storedeal's CPU per request is the framework's.
 */
async function nestFloor(bareServer, bareUrl, productId) {
  const floor = startProcess('node', ['bench/nest-floor.mjs'], { DATABASE_URL: databaseUrl, PORT: String(settings.floorPort) });
  try {
    const url = `http://127.0.0.1:${settings.floorPort}/products/${productId}/`;
    await waitFor(url);
    wrk(url, { duration: 2 }); // warm-up
    const floorAndBare = await alternately(
      () => measured(floor, () => wrk(url)),
      () => measured(bareServer, () => wrk(bareUrl)),
    );
    const result = { size: 'floor', name: 'GET /products/{id}/ on NestJS alone (bench/nest-floor.mjs), not Storedeal', ...floorAndBare };
    logRow(result);
    return result;
  } finally {
    await stopProcess(floor);
  }
}

/** Product reads alone, then the same reads while 16 connections hammer jwt/create. */
async function loginFlood(ours, user, productId) {
  const login = postScript('login', { username: user.username, password: user.password });
  const readUrl = `${ours}/products/${productId}/`;
  const alone = [];
  const flooded = [];
  for (let repeat = 0; repeat < settings.repeats; repeat += 1) {
    alone.push(wrk(readUrl, { connections: 16 }));
    const flood = spawn('taskset', ['-c', '1', 'wrk', '-t1', '-c16', `-d${settings.duration + 2}s`, '-s', login, `${ours}/auth/jwt/create/`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let floodOutput = '';
    flood.stdout.on('data', (chunk) => (floodOutput += chunk));
    const floodDone = new Promise((done) => flood.once('exit', done));
    await new Promise((done) => setTimeout(done, 1000));
    flooded.push(wrk(readUrl, { connections: 16 }));
    await floodDone;
    log(`  login flood: ${/Requests\/sec:\s+([\d.]+)/.exec(floodOutput)?.[1]} logins/s`);
  }
  return [
    { size: 'flood', name: 'GET /products/{id}/ alone (16 conn)', ours: summarise(alone) },
    { size: 'flood', name: 'GET /products/{id}/ during a login flood (16 + 16 conn)', ours: summarise(flooded) },
  ];
}

function format(results) {
  const lines = [
    '| products | scenario | Storedeal req/s | p50 ms | p99 ms | CPU µs/req | bare req/s | bare p99 ms | bare CPU µs/req | ratio |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const cpu = (summary) => (summary?.cpuUs === undefined ? '' : Math.round(summary.cpuUs));
  for (const r of results) {
    const ratio = r.bare ? (r.ours.rps / r.bare.rps).toFixed(2) : '';
    const errors = r.ours.errors ? ` (${r.ours.errors} non-2xx)` : '';
    lines.push(
      `| ${typeof r.size === 'number' ? r.size.toLocaleString('en') : r.size} | ${r.name} | ${Math.round(r.ours.rps).toLocaleString('en')}${errors} | ${r.ours.p50.toFixed(1)} | ${r.ours.p99.toFixed(1)} | ${cpu(r.ours)} | ${r.bare ? Math.round(r.bare.rps).toLocaleString('en') : ''} | ${r.bare ? r.bare.p99.toFixed(1) : ''} | ${cpu(r.bare)} | ${ratio} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  if (!existsSync(join(settings.bareSource, 'bare.mjs'))) throw new Error(`No bare baseline at ${settings.bareSource} (set BARE_DIR)`);
  mkdirSync(settings.bareDir, { recursive: true });
  copyFileSync(join(settings.bareSource, 'bare.mjs'), join(settings.bareDir, 'bare.mjs'));
  copyFileSync(join(settings.bareSource, 'package.json'), join(settings.bareDir, 'package.json'));
  run('npm', ['run', 'build']);
  await prepareDatabase();
  const results = [];
  for (const size of settings.sizes) results.push(...(await measure(size)));
  const table = format(results);
  const header =
    `Measured ${new Date().toISOString()} — WORKERS=${settings.workers}, wrk -t1 -c${settings.connections} -d${settings.duration}s pinned to CPU 1, ` +
    `median of ${settings.repeats}, servers alternated, LOG_LEVEL=${settings.logLevel}, PostgreSQL ${settings.serverUrl.replace(/\/[^/]*$/, '')}`;
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  const file = join(root, 'bench', 'results', `run-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
  writeFileSync(file, `${header}\n\n${table}\n`);
  process.stdout.write(`${header}\n\n${table}\n\nSaved to ${file}\n`);
}

main().catch((error) => {
  log(error.stack ?? String(error));
  process.exit(1);
});
