import { decimalPrecision, formatDecimal, parseDecimal, renderMoney } from './money.js';

describe('money', () => {
  it.each([
    ['12.5', '12.50'],
    ['0.10', '0.10'],
    ['699', '699.00'],
    ['007.1', '7.10'],
    ['1e2', '100.00'],
    ['-0.00', '0.00'],
    ['-3.4', '-3.40'],
    ['.5', '0.50'],
  ])('formats %s as %s', (input, expected) => {
    expect(formatDecimal(parseDecimal(input)!)).toBe(expected);
  });

  it.each(['', 'abc', '1.2.3', '--1', '1e', 'NaN', 'Infinity', '.'])('rejects %j', (input) => {
    expect(parseDecimal(input)).toBeNull();
  });

  it('counts digits the way DRF does', () => {
    expect(decimalPrecision(parseDecimal('12.50')!)).toEqual({ total: 4, whole: 2, places: 2 });
    expect(decimalPrecision(parseDecimal('0.10')!)).toEqual({ total: 2, whole: 0, places: 2 });
    expect(decimalPrecision(parseDecimal('12.500')!)).toEqual({ total: 5, whole: 2, places: 3 });
    expect(decimalPrecision(parseDecimal('1e3')!)).toEqual({ total: 4, whole: 4, places: 0 });
    expect(decimalPrecision(parseDecimal('00012.5')!)).toEqual({ total: 3, whole: 2, places: 1 });
  });

  it.each([
    ['0.30', '0.30'],
    ['0', '0.00'],
    ['5', '5.00'],
    ['12333333231.09', '12333333231.09'],
    ['7.5', '7.50'],
  ])('renders money %s as %s', (text, rendered) => {
    expect(renderMoney(text)).toBe(rendered);
  });

  it('refuses to render text that is not a decimal', () => {
    expect(() => renderMoney('abc')).toThrow();
  });
});
