import { expect } from 'chai';
import { describe, it } from 'node:test';
import { exactOrigin, hostsOf, ownOrigins } from './origins.js';

describe('ownOrigins', () => {
  const loopback = (port: number): string[] => [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
  const table: [string, number, string[]][] = [
    ['127.0.0.1', 8080, loopback(8080)],
    ['localhost', 8080, [`http://localhost:8080`, `http://127.0.0.1:8080`, `http://[::1]:8080`]],
    ['::1', 41234, [`http://[::1]:41234`, `http://127.0.0.1:41234`, `http://localhost:41234`]],
    ['127.0.0.2', 9000, ['http://127.0.0.2:9000', ...loopback(9000)]],
    // Every interface includes loopback; other names must come from DH_ALLOWED_ORIGINS.
    ['0.0.0.0', 8080, ['http://0.0.0.0:8080', ...loopback(8080)]],
    ['::', 8080, ['http://[::]:8080', ...loopback(8080)]],
    ['10.213.7.1', 8080, ['http://10.213.7.1:8080']],
    ['Demo.Example.se', 80, ['http://demo.example.se']],
  ];
  for (const [host, port, origins] of table) {
    it(`${host} port ${String(port)}`, () => {
      expect(ownOrigins(host, port)).to.have.members(origins).and.have.length(origins.length);
    });
  }
});

describe('exactOrigin', () => {
  const table: [string, string | undefined][] = [
    ['https://vard.example.se', 'https://vard.example.se'],
    ['https://vard.example.se/', 'https://vard.example.se'],
    ['  https://vard.example.se ', 'https://vard.example.se'],
    ['https://Vard.Example.SE', 'https://vard.example.se'],
    ['http://localhost:8000', 'http://localhost:8000'],
    ['http://[::1]:8000', 'http://[::1]:8000'],
    ['https://vard.example.se:443', 'https://vard.example.se'],
    ['*', undefined],
    ['https://*.example.se', undefined],
    ['null', undefined],
    ['', undefined],
    ['vard.example.se', undefined],
    ['https://vard.example.se/portal', undefined],
    ['https://vard.example.se/?a=1', undefined],
    ['https://vard.example.se/#x', undefined],
    ['https://user@vard.example.se', undefined],
    ['ftp://vard.example.se', undefined],
    ['file:///etc/passwd', undefined],
  ];
  for (const [text, origin] of table) {
    it(`${JSON.stringify(text)} -> ${origin ?? 'refused'}`, () => {
      expect(exactOrigin(text)).to.equal(origin);
    });
  }
});

describe('hostsOf', () => {
  it('gives the Host header a browser sends for each origin', () => {
    expect([...hostsOf(['http://127.0.0.1:8080', 'http://[::1]:8080', 'https://vard.example.se', 'http://demo.example.se:80'])])
      .to.deep.equal(['127.0.0.1:8080', '[::1]:8080', 'vard.example.se', 'demo.example.se']);
  });
});
