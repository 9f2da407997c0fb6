import { describe, expect, it } from 'vitest';
import { takeWebHostToken } from './token.js';

function page(hash: string) {
  const store = new Map<string, string>();
  const storage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
  } as Storage;
  const urls: string[] = [];
  const history = {
    state: null,
    replaceState: (_s: unknown, _t: string, url: string) => void urls.push(url),
  } as History;
  const location = { hash, pathname: '/board', search: '?team=north' } as Location;
  return { storage, history, location, urls };
}

describe('the web host token', () => {
  it('comes from the URL fragment, is kept for reloads and leaves the address bar', () => {
    const p = page('#token=abc_DEF-123');
    expect(takeWebHostToken(p.location, p.storage, p.history)).toBe('abc_DEF-123');
    expect(p.urls).toEqual(['/board?team=north']);
    const reload = { ...p, location: { ...p.location, hash: '' } as Location };
    expect(takeWebHostToken(reload.location, p.storage, p.history)).toBe('abc_DEF-123');
  });

  it('is absent when the page was opened without one', () => {
    const p = page('');
    expect(takeWebHostToken(p.location, p.storage, p.history)).toBeNull();
    expect(p.urls).toEqual([]);
  });
});
