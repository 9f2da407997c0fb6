import { describe, expect, it } from 'vitest';
import { teamLabel } from './team-label.js';

describe('teamLabel', () => {
  it('labels teams in words', () => {
    expect(teamLabel('team-pudong-lujiazui-2')).toBe('Pudong Lujiazui 2');
  });
});
