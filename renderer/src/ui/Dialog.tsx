import type { FormEvent, ReactNode } from 'react';

interface DialogProps {
  /** What assistive technology announces the dialog as. */
  label: string;
  className?: string;
  testId?: string;
  /** A click on the backdrop closes the dialog; left out while it must stay open (work under way). */
  onClose?: () => void;
  /** A dialog that is one form: its shell is the form, so Enter submits it. */
  onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}

/** A modal dialog over the console: a dimmed backdrop that closes it, and the dialog box, which does not. */
export function Dialog({ label, className, testId, onClose, onSubmit, children }: DialogProps) {
  const box = {
    className: className ? `modal ${className}` : 'modal',
    role: 'dialog',
    'aria-modal': true,
    'aria-label': label,
    'data-testid': testId,
    onClick: (e: { stopPropagation(): void }) => e.stopPropagation(),
  };
  return (
    <div className="modal-backdrop" onClick={onClose}>
      {onSubmit ? (
        <form {...box} onSubmit={onSubmit}>
          {children}
        </form>
      ) : (
        <div {...box}>{children}</div>
      )}
    </div>
  );
}
