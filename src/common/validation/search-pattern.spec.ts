import { containsPattern } from './search-pattern.js';

describe('containsPattern', () => {
  it('wraps the text in wildcards', () => {
    expect(containsPattern('phone')).toBe('%phone%');
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(containsPattern('100%_off\\')).toBe('%100\\%\\_off\\\\%');
  });
});
