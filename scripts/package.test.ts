import { expect } from 'chai';
import { access, readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { unzipSync } from 'fflate';

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

describe('the extension build', () => {
  interface ExtensionManifest {
    icons: Record<string, string>;
    action: { default_popup: string };
    options_ui: { page: string };
    background: { service_worker: string; scripts: string[] };
    permissions: string[];
    optional_permissions: string[];
    host_permissions?: string[];
    web_accessible_resources: { resources: string[] }[];
  }

  it('has every file its manifest names, the content scripts registered at run time, and the store zip the same files', async () => {
    const manifest = JSON.parse(await readFile('dist/extension/manifest.json', 'utf8')) as ExtensionManifest;
    const named = [
      ...Object.values(manifest.icons), manifest.action.default_popup, manifest.options_ui.page, manifest.background.service_worker,
      ...manifest.background.scripts, ...manifest.web_accessible_resources.flatMap((r) => r.resources),
      'content/bridge.js', 'content/siths.js', 'popup/popup.js', 'options/options.js', 'siths/panel.js', 'ui/extension.css',
    ];
    for (const file of named) await access(`dist/extension/${file}`);
    const zip = unzipSync(new Uint8Array(await readFile('dist/digitala-halsosamtal-extension.zip')));
    expect(Object.keys(zip)).to.include.members(['manifest.json', ...named]);
    expect(Object.keys(zip).filter((f) => f.endsWith('.map'))).to.deep.equal([]);
  });

  it('asks for little up front: storage, scripting and alarms; tabs, bookmarks and every host only when used', async () => {
    const manifest = JSON.parse(await readFile('dist/extension/manifest.json', 'utf8')) as ExtensionManifest;
    expect(manifest.permissions).to.deep.equal(['storage', 'scripting', 'alarms']);
    expect(manifest.optional_permissions).to.deep.equal(['tabs', 'bookmarks']);
    expect(manifest.host_permissions).to.equal(undefined);
  });
});
