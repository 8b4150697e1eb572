import { isIP } from 'node:net';

/** What Fastify's `trustProxy` takes from TRUST_PROXY. */
export type TrustProxyOption = false | string | ((address: string, hop: number) => boolean);

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix) && isIP(prefix) !== 4) return false;
  return isIP(prefix) === 4 || Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: `false` (the default; the socket's address is the client's), a number of proxy
 * hops in front of the server (`true` counts as 1), or the proxies' addresses and CIDR ranges
 * (`10.0.0.0/8,loopback`). Null when the setting is none of these.
 */
export function trustProxyOption(setting: string): TrustProxyOption | null {
  const value = setting.trim().toLowerCase();
  if (value === 'false' || value === '0' || value === '') return false;
  if (value === 'true') return trustHops(1);
  if (/^\d+$/.test(value)) return Number(value) <= 32 ? trustHops(Number(value)) : null;
  const entries = value.split(',').map((entry) => entry.trim());
  return entries.every(isProxyAddress) ? entries.join(',') : null;
}

/**
 * The last `hops` addresses (the socket's, then X-Forwarded-For from its end) are proxies; the
 * client is the address before them. Fastify's own numeric option trusts no hop at all (it
 * fails closed), and `true` would trust every hop: a client could then choose its address by
 * sending X-Forwarded-For itself.
 */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}
