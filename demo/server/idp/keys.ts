import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The demo provider's secrets: its ID-token signing key and the keys that sign its cookies. */
export interface ProviderKeys {
  /** A private RSA key as a JWK, with `kid`, `alg` RS256 and `use` sig. */
  readonly signing: Readonly<Record<string, string>>;
  readonly cookies: readonly string[];
}

const FILE = 'oidc-provider-keys.json';

/** The keys file cannot be read: the server stops rather than sign with a new key unasked. */
export class DamagedKeysError extends Error {
  constructor(file: string, why: string) {
    super(`The test identity provider's keys ${file} cannot be read (${why}). It was left untouched: move it away to start with new keys (tokens signed with the old ones then no longer verify).`);
    this.name = 'DamagedKeysError';
  }
}

function generate(): ProviderKeys {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as Record<string, string>;
  return { signing: { ...jwk, kid: randomUUID(), alg: 'RS256', use: 'sig' }, cookies: [randomBytes(32).toString('base64url')] };
}

const isKeys = (value: unknown): value is ProviderKeys => {
  if (typeof value !== 'object' || value === null) return false;
  // As read from a file: any field may be missing or of another type.
  const v = value as { signing?: Record<string, unknown> | null; cookies?: unknown };
  return typeof v.signing === 'object' && v.signing !== null && v.signing.kty === 'RSA' && typeof v.signing.d === 'string' && typeof v.signing.kid === 'string'
    && Array.isArray(v.cookies) && v.cookies.length > 0 && v.cookies.every((k) => typeof k === 'string' && k.length >= 32);
};

/**
 * The provider's keys from the data directory, made and saved (temporary file, then rename; only
 * the owner may read it) on the first start, so tokens signed before a restart still verify after it.
 */
export async function loadOrCreateKeys(dataDir: string): Promise<ProviderKeys> {
  const file = join(dataDir, FILE);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new DamagedKeysError(file, (e as Error).message);
  }
  if (text !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new DamagedKeysError(file, 'not JSON');
    }
    if (!isKeys(parsed)) throw new DamagedKeysError(file, 'not the keys this server writes');
    return parsed;
  }
  const keys = generate();
  await mkdir(dataDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(keys), { mode: 0o600 });
  await rename(temporary, file);
  return keys;
}
