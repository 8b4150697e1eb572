import { parseDecimal } from '../common/money.js';

/** Storedeal's numeric(10,2): at most 99,999,999.99. */
const MAX_CENTS = 9_999_999_999n;

export type RoundedPrice =
  | { ok: true; price: string; rounded: boolean }
  | { ok: false; reason: string };

/**
 * Django's 3-place price to Storedeal's cents, rounded half-up (0.005 → 0.01), in decimal
 * digit arithmetic: the text is the exact value, and no float ever holds it.
 */
export function roundPriceToCents(text: string): RoundedPrice {
  const parts = parseDecimal(text.trim());
  if (!parts) return { ok: false, reason: `price "${text}" is not a number` };
  if (parts.exponent > 12) return { ok: false, reason: `price ${text} is above 99999999.99` };
  const scaled = BigInt(parts.digits);
  const shift = parts.exponent + 2;
  let cents: bigint;
  let rounded = false;
  if (shift >= 0) {
    cents = scaled * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    const remainder = scaled % divisor;
    cents = scaled / divisor + (remainder * 2n >= divisor ? 1n : 0n);
    rounded = remainder !== 0n;
  }
  if (parts.negative && cents !== 0n) return { ok: false, reason: `price ${text} is negative` };
  if (cents > MAX_CENTS) return { ok: false, reason: `price ${text} is above 99999999.99` };
  const digits = cents.toString().padStart(3, '0');
  return { ok: true, price: `${digits.slice(0, -2)}.${digits.slice(-2)}`, rounded };
}
