import { quickRatio, validatePassword } from './password-validators.js';

describe("Django's password validators", () => {
  it('accepts a good password', () => {
    expect(validatePassword('Velvet-Harbour-93', { username: 'alice', email: 'alice@example.com' })).toEqual([]);
  });

  it('gives every applicable message, in Django order', () => {
    expect(validatePassword('1234')).toEqual([
      'This password is too short. It must contain at least 8 characters.',
      'This password is too common.',
      'This password is entirely numeric.',
    ]);
    expect(validatePassword('98765432123')).toEqual(['This password is entirely numeric.']);
    expect(validatePassword('password')).toEqual(['This password is too common.']);
    expect(validatePassword('PASSWORD')).toEqual(['This password is too common.']);
  });

  it('refuses passwords similar to the username or the email address', () => {
    expect(validatePassword('alexandra77', { username: 'alexandra' })).toEqual(['The password is too similar to the username.']);
    expect(validatePassword('rodriguez!', { username: 'x', email: 'rodriguez@example.com' })).toEqual([
      'The password is too similar to the email address.',
    ]);
  });

  it('computes difflib quick_ratio', () => {
    expect(quickRatio('abcd', 'bcde')).toBeCloseTo(0.75);
    expect(quickRatio('alice12345', 'alice')).toBeCloseTo(2 * 5 / 15);
  });
});
