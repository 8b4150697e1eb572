import { COUNTRY_CODES } from './countries.js';

describe('COUNTRY_CODES', () => {
  it('holds the 249 ISO 3166-1 alpha-2 codes, each two capital letters', () => {
    expect(COUNTRY_CODES.size).toBe(249);
    for (const code of COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
    for (const code of ['GB', 'US', 'DE', 'SS', 'AX']) expect(COUNTRY_CODES.has(code)).toBe(true);
    for (const code of ['UK', 'EU', 'XK', 'XX']) expect(COUNTRY_CODES.has(code)).toBe(false);
  });
});
