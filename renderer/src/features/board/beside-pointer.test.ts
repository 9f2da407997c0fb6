import { describe, expect, it } from 'vitest';
import { besidePointer } from './beside-pointer.js';

describe('a box beside the pointer', () => {
  const area = { width: 1000, height: 600 };
  const box = { width: 300, height: 80 };

  it('goes below and to the right of the pointer when there is room', () => {
    expect(besidePointer({ x: 100, y: 100 }, box, area)).toEqual({ left: 116, top: 116 });
  });

  it("flips to the pointer's left near the right edge, and above it near the bottom, keeping its size", () => {
    expect(besidePointer({ x: 980, y: 560 }, box, area)).toEqual({ left: 664, top: 464 });
  });

  it('stays inside the area when it fits on neither side', () => {
    expect(besidePointer({ x: 200, y: 40 }, { width: 300, height: 80 }, { width: 420, height: 100 })).toEqual({
      left: 0,
      top: 0,
    });
  });
});
