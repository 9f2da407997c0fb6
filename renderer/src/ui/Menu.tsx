import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { menuKeyTarget } from './menu-keys.js';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  /** Shown beside a disabled item: why it cannot be chosen now. */
  hint?: string;
  testId?: string;
}

/** Items, with `null` drawing a separator between groups. */
export type MenuEntry = MenuItem | null;

/**
 * A button that opens a list of actions. Keyboard: Enter, Space or ArrowDown open it on the first item; the arrows,
 * Home and End move between items; Escape closes it and gives focus back to the button; a click elsewhere closes it.
 */
export function Menu({ label, entries, testId }: { label: string; entries: readonly MenuEntry[]; testId?: string }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', away, true);
    return () => window.removeEventListener('pointerdown', away, true);
  }, [open]);

  const items = (): HTMLButtonElement[] =>
    [...(list.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])].filter((b) => !b.disabled);

  const focusItem = (which: 'first' | 'last') => {
    const all = items();
    (which === 'first' ? all[0] : all[all.length - 1])?.focus();
  };

  const openWith = (which: 'first' | 'last') => {
    setOpen(true);
    // The list renders on the next frame.
    requestAnimationFrame(() => focusItem(which));
  };

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowDown' || ((e.key === 'Enter' || e.key === ' ') && !open)) {
      e.preventDefault();
      openWith('first');
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      openWith('last');
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close(false);
    }
  };

  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
      return;
    }
    if (e.key === 'Tab') {
      close(false);
      return;
    }
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const next = menuKeyTarget(e.key, at, all.length);
    if (next === null) return;
    e.preventDefault();
    all[next]?.focus();
  };

  return (
    <div className="menu" ref={root}>
      <button
        ref={button}
        onClick={() => setOpen((v) => !v)}
        onKeyDown={onButtonKey}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        data-testid={testId}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="menu-items" role="menu" id={id} ref={list} onKeyDown={onListKey}>
          {entries.map((entry, i) =>
            entry === null ? (
              <div key={`sep-${i}`} role="separator" className="menu-separator" />
            ) : (
              <button
                key={entry.label}
                role="menuitem"
                disabled={entry.disabled}
                title={entry.disabled ? entry.hint : undefined}
                data-testid={entry.testId}
                onClick={() => {
                  close(true);
                  entry.onSelect();
                }}
              >
                {entry.label}
                {entry.disabled && entry.hint && <span className="menu-hint">{entry.hint}</span>}
              </button>
            ),
          )}
        </div>
      )}
    </div>
  );
}
