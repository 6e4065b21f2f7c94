import { expect } from 'chai';
import { describe, it } from 'node:test';
import { unsafeCharacter } from './text-safety.js';

describe('unsafeCharacter', () => {
  const cases: [string, string, string | undefined][] = [
    ['plain Swedish', 'Vårdcentralen Gagnef, 0241-123 45', undefined],
    ['Arabic and Persian script', 'العربية فارسی', undefined],
    ['a right-to-left override', 'ring 0241\u202e54 321-1420', 'U+202E'],
    ['a left-to-right isolate', 'a\u2066b', 'U+2066'],
    ['a right-to-left mark', 'a\u200fb', 'U+200F'],
    ['the Arabic letter mark', 'a\u061cb', 'U+061C'],
    ['a line break', 'a\nb', 'U+000A'],
    ['a NUL', 'a\u0000b', 'U+0000'],
    ['DEL', 'a\u007fb', 'U+007F'],
    ['a C1 control', 'a\u0085b', 'U+0085'],
  ];
  for (const [what, text, expected] of cases) it(`${expected ? 'finds' : 'accepts'} ${what}`, () => {
    expect(unsafeCharacter(text)).to.equal(expected);
  });
});
