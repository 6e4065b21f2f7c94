import { expect } from 'chai';
import { access, readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';

// After `npm run build`: what package.json promises a host page or a bundler exists, and the
// manifest describes every element, the join pages included.

interface Manifest {
  modules: { declarations?: { tagName?: string; customElement?: boolean; members?: { name: string; privacy?: string }[]; events?: { name: string }[] }[] }[];
}

describe('the published package', () => {
  it('exports the element bundles next to core, store and notify, each with its types', async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { exports: Record<string, { types?: string; import?: string } | string> };
    expect(Object.keys(pkg.exports)).to.include.members(['.', './patient', './core', './store', './notify']);
    for (const [name, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') continue;
      for (const file of [target.import, target.types]) {
        expect(file, name).to.be.a('string');
        await access(file!);
      }
    }
  });

  it('describes every element in custom-elements.json, the join pages with their members', async () => {
    const manifest = JSON.parse(await readFile('custom-elements.json', 'utf8')) as Manifest;
    const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement);
    expect(elements.map((e) => e.tagName).sort()).to.deep.equal([
      'dh-booking', 'dh-calendar', 'dh-call', 'dh-clinic-picker', 'dh-device-check', 'dh-guest-join', 'dh-invite', 'dh-lobby', 'dh-patient-join', 'dh-share', 'dh-share-menu',
      'dh-speaker-test', 'dh-star-profile',
    ]);
    for (const tag of ['dh-patient-join', 'dh-guest-join']) {
      const element = elements.find((e) => e.tagName === tag)!;
      const publicMembers = (element.members ?? []).filter((m) => m.privacy === undefined || m.privacy === 'public').map((m) => m.name);
      expect(publicMembers, tag).to.include.members(['token', 'reconnectPolicy', 'directoryPatienceMs', 'setLanguage']);
      expect((element.events ?? []).map((e) => e.name), tag).to.include('dh-call-end');
    }
    for (const tag of ['dh-lobby', 'dh-call']) {
      expect((elements.find((e) => e.tagName === tag)!.members ?? []).map((m) => m.name), tag).to.include('reconnectPolicy');
    }
  });
});
