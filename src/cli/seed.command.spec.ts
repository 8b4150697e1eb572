import { seedCount } from './seed.command.js';

describe('seedCount', () => {
  it('uses the defaults when the option is absent', () => {
    expect(seedCount('categories', undefined)).toBe(20);
    expect(seedCount('products', undefined)).toBe(10_000);
  });

  it.each([
    ['1', 1],
    [' 250 ', 250],
    ['1000000', 1_000_000],
    ['1_000_000', 1_000_000],
  ])('reads %j as %d', (text, count) => {
    expect(seedCount('products', text)).toBe(count);
  });

  it.each(['0', '-5', '1.5', 'abc', '', '1e6', '100000001'])('refuses %j with a clear message', (text) => {
    expect(() => seedCount('products', text)).toThrow(/^--products must be a positive integer/);
  });

  it('bounds the categories separately', () => {
    expect(() => seedCount('categories', '1000001')).toThrow('--categories must be a positive integer no larger than 1,000,000 (got "1000001").');
  });
});
