import { expect } from 'chai';
import { describe, it } from 'node:test';
import { currentClinicId } from './clinic-choice.js';

describe('currentClinicId: which clinic an element follows', () => {
  const two = [{ id: 'gagnef' }, { id: 'leksand' }];
  const cases: [string, Parameters<typeof currentClinicId>[0], Parameters<typeof currentClinicId>[1], string][] = [
    ['the nurse\'s choice', two, { chosen: 'leksand' }, 'leksand'],
    ['a pin wins over her choice', two, { pinned: 'gagnef', chosen: 'leksand' }, 'gagnef'],
    ['a choice no longer configured is dropped', two, { chosen: 'falun' }, ''],
    ['nothing chosen among several: she must choose', two, {}, ''],
    ['the only clinic needs no choice', [{ id: 'gagnef' }], {}, 'gagnef'],
    ['the only clinic replaces a stale choice', [{ id: 'gagnef' }], { chosen: 'falun' }, 'gagnef'],
    ['an empty pin pins nothing', two, { pinned: '', chosen: 'leksand' }, 'leksand'],
  ];
  for (const [name, clinics, choice, expected] of cases) {
    it(name, () => {
      expect(currentClinicId(clinics, choice)).to.equal(expected);
    });
  }
});
