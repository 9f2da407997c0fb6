import { describe, expect, it } from 'vitest';
import { AREAS, centreLanguage } from './areas.js';

describe("a control centre's language", () => {
  it('is its area’s, found by the zone the server names for it', () => {
    expect(centreLanguage('Europe/London')).toBe('en');
    expect(centreLanguage('Asia/Shanghai')).toBe('zh');
    expect(centreLanguage('America/New_York')).toBeNull();
  });

  it('is one language per zone: no two shipped areas share a zone and differ in language', () => {
    for (const area of Object.values(AREAS)) expect(centreLanguage(area.timeZone)).toBe(area.language);
  });
});
