/**
 * Exact decimal handling for money. Values travel as strings ("12.50") between PostgreSQL
 * (numeric) and JSON; nothing here converts them to floating point.
 */
export interface DecimalParts {
  negative: boolean;
  /** Significant digits without leading zeros, as Python's Decimal.as_tuple() keeps them. */
  digits: string;
  /** Power of ten the digits are scaled by (negative for fractions). */
  exponent: number;
}

const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export function parseDecimal(text: string): DecimalParts | null {
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) return null;
  const [, sign, whole = '', fraction = '', exponentText] = match;
  if (whole === '' && fraction === '') return null;
  const exponent = Number(exponentText ?? 0) - fraction.length;
  if (!Number.isSafeInteger(exponent)) return null;
  const digits = (whole + fraction).replace(/^0+(?=\d)/, '');
  return { negative: sign === '-', digits, exponent };
}

/** Digit counts the way DRF's DecimalField.validate_precision computes them. */
export function decimalPrecision(parts: DecimalParts): { total: number; whole: number; places: number } {
  const length = parts.digits === '0' ? 1 : parts.digits.length;
  if (parts.exponent >= 0) {
    const total = length + parts.exponent;
    return { total, whole: total, places: 0 };
  }
  const places = -parts.exponent;
  if (length > places) return { total: length, whole: length - places, places };
  return { total: places, whole: 0, places };
}

/** Renders a decimal with exactly `places` fraction digits; `parts` must already fit them. */
export function formatDecimal(parts: DecimalParts, places = 2): string {
  let digits = parts.digits;
  let exponent = parts.exponent;
  while (exponent > 0) {
    digits += '0';
    exponent -= 1;
  }
  const fractionLength = -exponent;
  digits = digits.padStart(fractionLength + 1, '0');
  const whole = digits.slice(0, digits.length - fractionLength).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(digits.length - fractionLength).padEnd(places, '0');
  const isZero = /^0*$/.test(whole + fraction);
  return `${parts.negative && !isZero ? '-' : ''}${whole}.${fraction}`;
}

/**
 * The one way money leaves the API: PostgreSQL's numeric text (or a canonical input string)
 * with exactly 2 decimals, as DRF renders a DecimalField(decimal_places=2).
 */
export function renderMoney(numericText: string): string {
  const parts = parseDecimal(numericText);
  if (!parts) throw new Error(`not a decimal: ${numericText}`);
  return formatDecimal(parts, 2);
}
