/**
 * A value built on first use and shared by every later invocation of the container (AWS clients,
 * the store). A failed build is forgotten, so the next invocation tries again.
 */
export function lazy<T>(build: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (!pending) {
      pending = build();
      pending.catch(() => {
        pending = undefined;
      });
    }
    return pending;
  };
}
