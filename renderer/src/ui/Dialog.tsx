import { useRef } from 'react';
import type { FormEvent, KeyboardEvent, ReactNode } from 'react';
import { useTakeFocus } from './take-focus.js';

interface DialogProps {
  /** What assistive technology announces the dialog as. */
  label: string;
  className?: string;
  testId?: string;
  /** A click on the backdrop or Esc closes the dialog; left out while it must stay open (work under way). */
  onClose?: () => void;
  /** A dialog that is one form: its shell is the form, so Enter submits it. */
  onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
  /** The form checks its fields itself, with messages in the console's language, not the browser's bubbles. */
  noValidate?: boolean;
  children: ReactNode;
}

/**
 * A modal dialog over the console: a dimmed backdrop that closes it, and the dialog box, which does not. It takes the
 * focus when it opens (unless a control inside already has it), so keys go to it and not to the console behind; Esc
 * closes it, and focus goes back to what had it before (the button that opened it).
 */
export function Dialog({ label, className, testId, onClose, onSubmit, noValidate, children }: DialogProps) {
  const ref = useRef<HTMLElement | null>(null);
  useTakeFocus(ref);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape' || !onClose) return;
    e.preventDefault();
    e.stopPropagation();
    onClose();
  };
  const box = {
    className: className ? `modal ${className}` : 'modal',
    role: 'dialog',
    'aria-modal': true,
    'aria-label': label,
    'data-testid': testId,
    tabIndex: -1,
    onClick: (e: { stopPropagation(): void }) => e.stopPropagation(),
  };
  return (
    <div className="modal-backdrop" onClick={onClose} onKeyDown={onKeyDown}>
      {onSubmit ? (
        <form {...box} ref={(el) => void (ref.current = el)} onSubmit={onSubmit} noValidate={noValidate}>
          {children}
        </form>
      ) : (
        <div {...box} ref={(el) => void (ref.current = el)}>
          {children}
        </div>
      )}
    </div>
  );
}
