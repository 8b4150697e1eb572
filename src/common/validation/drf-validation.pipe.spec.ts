import { LoginDto } from '../../auth/dto/token-requests.dto.js';
import { CheckoutRequestDto } from '../../orders/dto/checkout-request.dto.js';
import { DrfValidationPipe } from './drf-validation.pipe.js';

const pipe = new DrfValidationPipe();
const asBody = (metatype: new () => object) => ({ type: 'body' as const, metatype, data: undefined });

function padded(count: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [`_${index}`, index]));
}

// Without the narrowing each case below took 15–19 s on a CI machine; with it, well under half a second.
const BOUND_MS = 3000;

describe('DrfValidationPipe', () => {
  // The body parsers refuse more than 1,000 keys; the pipe must not depend on that. Handing
  // these 200,000 keys to class-transformer took minutes (its key de-duplication is quadratic).
  it('reads only the declared fields, however many others a body holds', async () => {
    const body = { ...padded(200_000), username: ' alice ', password: 'secret' };
    const started = performance.now();
    const dto = await pipe.transform(body, asBody(LoginDto));
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    expect({ ...dto as object }).toEqual({ username: 'alice', password: 'secret' });
  });

  it('narrows a nested object to its declared fields', async () => {
    const address = { full_name: 'Alice', line1: '1 Rabbit Hole', city: 'Oxford', postal_code: 'OX1', country: 'GB', ...padded(200_000) };
    const started = performance.now();
    const dto = (await pipe.transform({ shipping_address: address }, asBody(CheckoutRequestDto))) as CheckoutRequestDto;
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    expect(Object.entries(dto.shipping_address).filter(([, value]) => value !== undefined).map(([name]) => name).sort()).toEqual(['city', 'country', 'full_name', 'line1', 'postal_code']);
  });

  it('answers a big list or object where a string belongs with the DRF message for its type', async () => {
    const body = { username: padded(200_000), password: Array(200_000).fill({ a: 1 }) };
    const started = performance.now();
    const error = await pipe.transform(body, asBody(LoginDto)).catch((caught: unknown) => caught);
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    expect((error as { body(): unknown }).body()).toEqual({ username: ['Not a valid string.'], password: ['Not a valid string.'] });
  });
});
