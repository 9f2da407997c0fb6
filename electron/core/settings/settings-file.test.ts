import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, SettingsFile } from './settings-file.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'settings-'));
  dirs.push(d);
  return d;
}

describe('the settings file', () => {
  it('starts from the system locale and time zone', () => {
    expect(defaultSettings('zh-CN', 'Asia/Shanghai')).toMatchObject({ language: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(defaultSettings('en-GB', 'Europe/London')).toMatchObject({ language: 'en', timeZone: 'Europe/London' });
    expect(defaultSettings('de-DE', 'Nowhere/Special').timeZone).toBe('UTC');
  });

  it('keeps a change across restarts and leaves no temporary file behind', () => {
    const dir = tempDir();
    const path = join(dir, 'settings.json');
    const first = new SettingsFile(path, defaultSettings('en-US', 'UTC'));
    first.update({ palette: 'priority', teamsShown: ['T-north', 'T-east'], boardZoom: 'week', snapMinutes: 5 });
    const again = new SettingsFile(path, defaultSettings('en-US', 'UTC'));
    expect(again.get()).toMatchObject({
      palette: 'priority',
      teamsShown: ['T-north', 'T-east'],
      boardZoom: 'week',
      snapMinutes: 5,
      language: 'en',
    });
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('refuses an invalid change and keeps the old settings', () => {
    const path = join(tempDir(), 'settings.json');
    const file = new SettingsFile(path, defaultSettings('en-US', 'UTC'));
    file.update({ language: 'zh-CN' });
    expect(() => file.update({ timeZone: 'Not/AZone' })).toThrow(/time zone/);
    expect(file.get().timeZone).toBe('UTC');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ language: 'zh-CN', timeZone: 'UTC' });
  });

  it('keeps a broken file aside and every value in it that is still valid', () => {
    const dir = tempDir();
    const path = join(dir, 'settings.json');
    writeFileSync(path, JSON.stringify({ language: 'zh-CN', palette: 'rainbow', colour: 'blue' }));
    const file = new SettingsFile(path, defaultSettings('en-US', 'UTC'));
    expect(file.get()).toMatchObject({ language: 'zh-CN', palette: 'status' });
    expect(file.problem).toMatch(/reset palette; ignored colour/);
    const aside = readdirSync(dir).find((f) => f.startsWith('settings.json.invalid-'));
    expect(aside).toBeDefined();
    expect(JSON.parse(readFileSync(join(dir, aside!), 'utf8')).palette).toBe('rainbow');
    expect(JSON.parse(readFileSync(path, 'utf8')).palette).toBe('status');
  });

  it('reads a file from an earlier version: settings added since take their defaults, quietly', () => {
    const dir = tempDir();
    const path = join(dir, 'settings.json');
    const { timeZoneFollowsServer: _added, ...older } = {
      ...defaultSettings('en-GB', 'UTC'),
      palette: 'priority' as const,
    };
    writeFileSync(path, JSON.stringify(older));
    const file = new SettingsFile(path, defaultSettings('en-GB', 'UTC'));
    expect(file.problem).toBeNull();
    expect(file.get()).toMatchObject({ palette: 'priority', timeZoneFollowsServer: true });
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('survives a file that is not JSON at all', () => {
    const path = join(tempDir(), 'settings.json');
    writeFileSync(path, '{"language": "zh-CN", ');
    const file = new SettingsFile(path, defaultSettings('en-US', 'UTC'));
    expect(file.get().language).toBe('en');
    expect(file.problem).toMatch(/not JSON/);
    expect(existsSync(path)).toBe(true);
  });
});
