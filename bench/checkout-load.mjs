#!/usr/bin/env node
// The checkout scenario of `npm run bench`: each connection is a shopper of its own who fills
// a 3-line cart and checks out, over and over. Prints one JSON line: orders per second and the
// checkout request's p50/p99 (the cart adds are timed apart).
//
//   node bench/checkout-load.mjs <base url> <connections> <seconds> <shoppers file>
//
// The shoppers file has a line per shopper: its access token, a space, and the ids of the
// three products it buys (comma-separated).
//
// wrk cannot do this (one script state per thread, no sequence per connection), so it is a
// small Node loop, one keep-alive connection per shopper; the runner pins it to a core as it
// pins wrk.
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [baseUrl, connectionsText, secondsText, shoppersFile] = process.argv.slice(2);
const connections = Number(connectionsText);
const seconds = Number(secondsText);
const shoppers = readFileSync(shoppersFile, 'utf8')
  .trim()
  .split('\n')
  .map((line) => {
    const [token, products] = line.split(' ');
    return { token, products: products.split(',').map(Number) };
  });
if (shoppers.length < connections) throw new Error(`${connections} connections need ${connections} shoppers, got ${shoppers.length}`);

const address = { full_name: 'Bench Shopper', line1: '1 Load Street', city: 'Oxford', postal_code: 'OX1 1AA', country: 'GB' };

function post(agent, path, token, body) {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${baseUrl}${path}`,
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

async function shop({ token, products }, deadline, checkoutTimes, errors) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const call = (path, body) => post(agent, path, token, body);
  while (performance.now() < deadline) {
    for (const [index, productId] of products.entries()) {
      const status = await call('/cart/', { product_id: productId, quantity: 1 + index });
      if (status >= 300) errors.push(`cart ${status}`);
    }
    const started = performance.now();
    const status = await call('/orders/', { shipping_address: address });
    if (status === 201) checkoutTimes.push(performance.now() - started);
    else errors.push(`checkout ${status}`);
  }
  agent.destroy();
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const checkoutTimes = [];
const errors = [];
const started = performance.now();
const deadline = started + seconds * 1000;
await Promise.all(shoppers.slice(0, connections).map((shopper) => shop(shopper, deadline, checkoutTimes, errors)));
const elapsed = (performance.now() - started) / 1000;
const sorted = [...checkoutTimes].sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({
    orders: sorted.length,
    ordersPerSecond: sorted.length / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors: errors.length,
    firstErrors: [...new Set(errors)].slice(0, 3),
  })}\n`,
);
