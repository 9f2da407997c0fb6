import type { KeyboardEvent } from 'react';

const FOCUSABLE = 'input, button, textarea, select, [tabindex]:not([tabindex="-1"])';

/**
 * Keeps the focus inside a question while it is open: Tab from the last control goes to the first, Shift+Tab from the
 * first to the last. Call it from the question's keydown handler; keys other than Tab pass.
 */
export function keepFocusIn(box: HTMLElement | null, e: KeyboardEvent): void {
  if (e.key !== 'Tab') return;
  const all = [...(box?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
  const first = all[0];
  const last = all[all.length - 1];
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}
