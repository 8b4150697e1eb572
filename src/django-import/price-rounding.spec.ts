import { roundPriceToCents } from './price-rounding.js';

describe('roundPriceToCents', () => {
  it.each([
    ['699', '699.00', false],
    ['699.000', '699.00', false],
    ['999.5', '999.50', false],
    ['599.99', '599.99', false],
    ['19.999', '20.00', true],
    ['1449.005', '1449.01', true],
    ['1449.004', '1449.00', true],
    ['0.005', '0.01', true],
    ['0.004', '0.00', true],
    ['0', '0.00', false],
    ['-0.000', '0.00', false],
    ['9999999.999', '10000000.00', true],
    ['99999999.994', '99999999.99', true],
    ['1.0e-05', '0.00', true],
    ['1.5e+2', '150.00', false],
    ['0.30000000000000004', '0.30', true],
    ['21.994999999999997', '21.99', true],
    [' 12.345 ', '12.35', true],
  ])('%s → %s (rounded: %s)', (text, price, rounded) => {
    expect(roundPriceToCents(text)).toEqual({ ok: true, price, rounded });
  });

  it.each([
    ['-1.00', 'negative'],
    ['-0.005', 'negative'],
    ['99999999.995', 'above 99999999.99'],
    ['1e+20', 'above 99999999.99'],
    ['1e+300', 'above 99999999.99'],
    ['abc', 'not a number'],
    ['', 'not a number'],
    ['NaN', 'not a number'],
    ['Infinity', 'not a number'],
  ])('refuses %s (%s)', (text, reason) => {
    const result = roundPriceToCents(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });
});
