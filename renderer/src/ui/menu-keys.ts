/**
 * Which item of an open menu a key moves focus to: the arrows step and wrap around, Home and End jump to the ends.
 * `at` is the focused item (-1 when none is); null means the key does not move focus.
 */
export function menuKeyTarget(key: string, at: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return at < 0 ? 0 : (at + 1) % count;
    case 'ArrowUp':
      return at < 0 ? count - 1 : (at - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
