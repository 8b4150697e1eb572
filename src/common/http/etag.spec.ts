import { etagMatches, weakETag } from './etag.js';

describe('weakETag', () => {
  it('is a weak validator that follows the body', () => {
    expect(weakETag('{"id":1}')).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(weakETag('{"id":1}')).toBe(weakETag('{"id":1}'));
    expect(weakETag('{"id":1}')).not.toBe(weakETag('{"id":2}'));
  });
});

describe('etagMatches', () => {
  const tag = 'W/"abc"';

  it.each([
    ['W/"abc"', true],
    ['"abc"', true],
    [' W/"x", W/"abc" ', true],
    ['*', true],
    ['W/"abd"', false],
    ['', false],
  ])('%j → %s', (header, matches) => {
    expect(etagMatches(header, tag)).toBe(matches);
  });

  it('is false without the header', () => {
    expect(etagMatches(undefined, tag)).toBe(false);
  });
});
