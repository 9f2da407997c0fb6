const KEY = 'dispatch-console.token';

/**
 * The web host's per-start token: taken from the URL fragment the host printed (fragments never reach a server or a
 * Referer), kept in sessionStorage so a reload still works, and removed from the address bar at once.
 */
export function takeWebHostToken(location: Location, storage: Storage, history: History): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    storage.setItem(KEY, fromHash);
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    return fromHash;
  }
  return storage.getItem(KEY);
}
