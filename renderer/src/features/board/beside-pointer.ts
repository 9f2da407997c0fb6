/** Room left between the pointer and a box shown beside it. */
export const POINTER_GAP = 16;

/**
 * Where a box shown beside the pointer goes in an area (both in the area's coordinates): below and to the right of
 * the pointer; to its left, or above it, where it would cross the area's right or bottom edge; and kept inside the
 * area, so near an edge it keeps its width and reads as lines of text rather than a word per line.
 */
export function besidePointer(
  pointer: { x: number; y: number },
  box: { width: number; height: number },
  area: { width: number; height: number },
  gap = POINTER_GAP,
): { left: number; top: number } {
  const place = (at: number, size: number, room: number) => {
    const after = at + gap;
    const start = after + size <= room ? after : at - gap - size;
    return Math.max(0, Math.min(start, room - size));
  };
  return { left: place(pointer.x, box.width, area.width), top: place(pointer.y, box.height, area.height) };
}
