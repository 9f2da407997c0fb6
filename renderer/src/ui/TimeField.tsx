import { useState, type KeyboardEvent } from 'react';
import { parseTimeEntry, stepTimeEntry } from '../i18n/time-entry.js';
import { useT } from '../i18n/use-t.js';
import { useConsole } from '../store/index.js';

/**
 * A time of day in the console's 24-hour clock (`08:30`), not the browser's: a time input shows `08:30 AM` on an
 * English browser. The value is HH:MM as a time input's; what is typed and not yet a time is handed on as typed, so the
 * form's own check says what is wrong with it. `↑`/`↓` move a quarter of an hour.
 */
export function TimeField({
  value,
  onChange,
  label,
  testId,
}: {
  value: string;
  onChange: (time: string) => void;
  label?: string;
  testId?: string;
}) {
  const t = useT();
  const locale = useConsole((s) => s.locale);
  /** What is typed, while it is being typed; null shows the value. */
  const [draft, setDraft] = useState<string | null>(null);
  const invalid = draft !== null && draft.trim() !== '' && parseTimeEntry(draft) === null;

  const type = (text: string) => {
    setDraft(text);
    onChange(parseTimeEntry(text) ?? text.trim());
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    const from = (draft !== null && parseTimeEntry(draft)) || parseTimeEntry(value) || '08:00';
    setDraft(null);
    onChange(stepTimeEntry(from, e.key === 'ArrowUp' ? 15 : -15));
  };

  return (
    <input
      type="text"
      inputMode="numeric"
      className="time-field"
      lang={locale}
      value={draft ?? value}
      placeholder="09:30"
      size={6}
      aria-label={label}
      aria-invalid={invalid || undefined}
      title={invalid ? t('time.howToType') : undefined}
      onChange={(e) => type(e.target.value)}
      onBlur={() => !invalid && setDraft(null)}
      onKeyDown={onKeyDown}
      data-testid={testId}
    />
  );
}
