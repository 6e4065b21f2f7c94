import { expect } from 'chai';
import { describe, it } from 'node:test';
import { tileOrder, type Party, type Tile } from './tiles.js';

const nurse: Tile = { peer: 'n', role: 'nurse' };
const patient: Tile = { peer: 'p', role: 'patient' };
const interpreter: Tile = { peer: 'i', role: 'interpreter' };
const peers = (tiles: readonly Tile[]): string[] => tiles.map((t) => t.peer);

describe('the order of a call\'s tiles (the large one first)', () => {
  const cases: [string, readonly Tile[], Party, string | undefined, string[]][] = [
    ['the nurse sees the patient large', [interpreter, patient], 'nurse', undefined, ['p', 'i']],
    ['the patient sees the nurse large', [interpreter, nurse], 'patient', undefined, ['n', 'i']],
    ['the interpreter sees the nurse large', [patient, nurse], 'interpreter', undefined, ['n', 'p']],
    ['a picked tile is large', [patient, interpreter], 'nurse', 'i', ['i', 'p']],
    ['a picked tile that left no longer counts', [interpreter, patient], 'nurse', 'gone', ['p', 'i']],
    ['without the one wanted, the first to arrive', [interpreter], 'nurse', undefined, ['i']],
    ['nobody yet', [], 'patient', undefined, []],
  ];
  for (const [what, tiles, viewer, picked, expected] of cases) {
    it(what, () => {
      expect(peers(tileOrder(tiles, viewer, picked))).to.deep.equal(expected);
    });
  }
});
