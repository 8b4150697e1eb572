import { trustProxyOption } from './trust-proxy.js';

describe('trustProxyOption (TRUST_PROXY)', () => {
  it('reads off, hop counts and address lists', () => {
    expect(trustProxyOption('false')).toBe(false);
    expect(trustProxyOption('0')).toBe(false);
    expect(trustProxyOption(' 10.0.0.0/8, loopback ,::1,fd00::/8,192.168.0.0/255.255.0.0')).toBe('10.0.0.0/8,loopback,::1,fd00::/8,192.168.0.0/255.255.0.0');
  });

  it('trusts exactly the given number of hops (true is one)', () => {
    const one = trustProxyOption('true') as (address: string, hop: number) => boolean;
    expect([one('127.0.0.1', 0), one('203.0.113.9', 1)]).toEqual([true, false]);
    const two = trustProxyOption('2') as (address: string, hop: number) => boolean;
    expect([two('127.0.0.1', 0), two('10.0.0.1', 1), two('203.0.113.9', 2)]).toEqual([true, true, false]);
  });

  it('refuses what it cannot read', () => {
    for (const setting of ['perhaps', '10.0.0.0/33', '::1/129', '10.0.0.1/8/8', 'proxy.example.com', '99']) expect(trustProxyOption(setting), setting).toBeNull();
  });
});
