import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

/** Tokens revoked together when their grant is. */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/** Drops the oldest keys of a map (insertion order) until it holds at most `max`. */
function trim(map: Map<string, unknown>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}

/**
 * The test provider's store: in memory (a restart forgets sign-ins under way, which the demo can
 * bear), every entry with its expiry, and at most `maxEntries` of them — anyone may start a
 * sign-in, and each leaves an entry, so the oldest go first when it is full.
 */
export function boundedMemoryAdapter(maxEntries = 5000, now: () => number = Date.now): AdapterFactory {
  const entries = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const sessionByUid = new Map<string, string>();
  const byGrant = new Map<string, string[]>();

  const live = (key: string | undefined): AdapterPayload | undefined => {
    if (key === undefined) return undefined;
    const entry = entries.get(key);
    if (entry && entry.expiresAt > now()) return entry.payload;
    entries.delete(key);
    return undefined;
  };

  return (model: string): Adapter => {
    const keyOf = (id: string): string => `${model}:${id}`;
    return {
      upsert(id, payload, expiresIn) {
        const key = keyOf(id);
        if (model === 'Session' && typeof payload.uid === 'string') sessionByUid.set(payload.uid, key);
        if (GRANTABLE.has(model) && payload.grantId) byGrant.set(payload.grantId, [...(byGrant.get(payload.grantId) ?? []), key]);
        // Re-inserted, so that the map's order is the order of last writes.
        entries.delete(key);
        entries.set(key, { payload, expiresAt: now() + expiresIn * 1000 });
        trim(entries, maxEntries);
        trim(sessionByUid, maxEntries);
        trim(byGrant, maxEntries);
        return Promise.resolve();
      },
      find: (id) => Promise.resolve(live(keyOf(id))),
      findByUid: (uid) => Promise.resolve(live(sessionByUid.get(uid))),
      // No device flow here.
      findByUserCode: () => Promise.resolve(undefined),
      consume(id) {
        const payload = live(keyOf(id));
        if (payload) payload.consumed = Math.floor(now() / 1000);
        return Promise.resolve();
      },
      destroy(id) {
        entries.delete(keyOf(id));
        return Promise.resolve();
      },
      revokeByGrantId(grantId) {
        for (const key of byGrant.get(grantId) ?? []) entries.delete(key);
        byGrant.delete(grantId);
        return Promise.resolve();
      },
    };
  };
}
