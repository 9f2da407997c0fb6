import { describe, expect, it } from 'vitest';
import { menuKeyTarget } from './menu-keys.js';

describe('menuKeyTarget', () => {
  it('steps with the arrows and wraps around at both ends', () => {
    expect(menuKeyTarget('ArrowDown', 0, 3)).toBe(1);
    expect(menuKeyTarget('ArrowDown', 2, 3)).toBe(0);
    expect(menuKeyTarget('ArrowUp', 0, 3)).toBe(2);
    expect(menuKeyTarget('ArrowUp', 2, 3)).toBe(1);
  });

  it('starts from the first or the last item when nothing has focus yet', () => {
    expect(menuKeyTarget('ArrowDown', -1, 4)).toBe(0);
    expect(menuKeyTarget('ArrowUp', -1, 4)).toBe(3);
  });

  it('jumps to the ends with Home and End, and ignores other keys and empty menus', () => {
    expect(menuKeyTarget('Home', 2, 4)).toBe(0);
    expect(menuKeyTarget('End', 0, 4)).toBe(3);
    expect(menuKeyTarget('a', 1, 4)).toBeNull();
    expect(menuKeyTarget('ArrowDown', -1, 0)).toBeNull();
  });
});
