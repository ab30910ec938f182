/**
 * The one cache of dtwatch: a value built on first use and shared by every later caller (AWS
 * clients, the store, a parsed catalog, a resolved secret). Callers that come while it is being
 * built wait for the same build. A failed build is forgotten, so the next caller tries again
 * instead of inheriting the error for the life of the process.
 */
export function once<T>(build: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (!pending) {
      const started = build();
      pending = started;
      started.catch(() => {
        if (pending === started) pending = undefined;
      });
    }
    return pending;
  };
}

/** `once` per key: one build per key, failed builds forgotten. */
export function oncePerKey<K, T>(build: (key: K) => Promise<T>): (key: K) => Promise<T> {
  const builds = new Map<K, () => Promise<T>>();
  return (key) => {
    let get = builds.get(key);
    if (!get) {
      get = once(() => build(key));
      builds.set(key, get);
    }
    return get();
  };
}

/** A synchronous value built on first use (an SDK client that needs no I/O to create). */
export function onFirstUse<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}

/**
 * `oncePerKey` whose values go stale: a value older than `maxAgeMs` (by `now`) is rebuilt on the
 * next call, and `forget(key)` drops one at once (after a write the next read must see). Only the
 * latest value per key is kept.
 */
export function freshPerKey<K, T>(
  build: (key: K) => Promise<T>,
  maxAgeMs: number,
  now: () => number = Date.now,
): { get(key: K): Promise<T>; forget(key: K): void } {
  const builds = new Map<K, { get: () => Promise<T>; at: number }>();
  return {
    get(key) {
      let entry = builds.get(key);
      if (!entry || now() - entry.at > maxAgeMs) {
        entry = { get: once(() => build(key)), at: now() };
        builds.set(key, entry);
      }
      return entry.get();
    },
    forget(key) {
      builds.delete(key);
    },
  };
}
