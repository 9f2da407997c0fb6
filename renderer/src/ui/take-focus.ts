import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * A dialog or panel that takes the focus when it opens (unless a control inside already has it), so keys go to it and
 * not to the console behind, and gives it back to what had it before (the button or board that opened it) on closing.
 */
export function useTakeFocus(ref: RefObject<HTMLElement | null>): void {
  // Read while rendering the first time, before this box or anything in it moves the focus.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  // A layout effect: the focus moves in the same task that shows the box, never a frame later.
  useLayoutEffect(() => {
    const box = ref.current;
    if (box && !box.contains(document.activeElement)) box.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, [opener, ref]);
}
