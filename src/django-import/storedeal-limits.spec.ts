import { textProblem, timestampLiteral } from './storedeal-limits.js';

describe('timestampLiteral', () => {
  it.each([
    ['2026-11-30 07:25:51.493703', '2026-11-30 07:25:51.493703+00:00'],
    ['2026-11-30 07:25:51', '2026-11-30 07:25:51+00:00'],
    ['2026-11-30T07:25', '2026-11-30 07:25:00+00:00'],
    ['2026-11-30 07:25:51.49+00', '2026-11-30 07:25:51.49+00:00'],
    ['2026-11-30 07:25:51Z', '2026-11-30 07:25:51+00:00'],
    ['2026-11-30 07:25:51+0530', '2026-11-30 07:25:51+05:30'],
    ['2026-11-30 07:25:51-03:00', '2026-11-30 07:25:51-03:00'],
    ['2024-02-29 00:00:00', '2024-02-29 00:00:00+00:00'],
  ])('%s → %s', (text, literal) => expect(timestampLiteral(text)).toBe(literal));

  it.each(['', 'yesterday', '2026-02-30 00:00:00', '2026-13-01 00:00:00', '2026-11-30 24:00:00', '2026-11-30'])('refuses %j', (text) =>
    expect(timestampLiteral(text)).toBeUndefined(),
  );
});

describe('textProblem', () => {
  it('counts characters as PostgreSQL does, not UTF-16 units', () => {
    expect(textProblem('name', '🎧'.repeat(255), 255)).toBeUndefined();
    expect(textProblem('name', '🎧'.repeat(256), 255)).toBe('name is longer than 255 characters');
    expect(textProblem('name', 'a\u0000', 255)).toBe('name contains a NUL character');
  });
});
