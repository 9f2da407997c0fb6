import { useState, type KeyboardEvent } from 'react';
import { addDays, localDate } from '../../../shared/time/index.js';
import { formatDateEntry, parseDateEntry } from '../i18n/date-entry.js';
import { useT } from '../i18n/use-t.js';
import { useConsole } from '../store/index.js';

/**
 * A calendar day typed in the console's language (`2026年12月7日`, `Dec 7, 2026`), not the browser's: a date input
 * shows the day in the browser's own format whatever the page's or the input's `lang`, so in a Chinese console on an
 * English browser it read `12/07/2026`. The value is YYYY-MM-DD ('' for none), as a date input's; each day typed in full
 * is given at once, `↑`/`↓` move a day, and what is not a day is marked and says how to write one.
 */
export function DateField({
  value,
  onChange,
  label,
  testId,
  className,
}: {
  value: string;
  onChange: (date: string) => void;
  /** The field's name for a screen reader, when no <label> wraps it. */
  label?: string;
  testId?: string;
  className?: string;
}) {
  const t = useT();
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const today = localDate(Date.now(), timeZone);
  /** What is typed, while it is being typed; null shows the value as the console writes it. */
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? formatDateEntry(value, locale);
  const invalid = draft !== null && draft.trim() !== '' && parseDateEntry(draft, locale, today) === null;
  const example = formatDateEntry(today, locale);

  const type = (text: string) => {
    setDraft(text);
    if (text.trim() === '') onChange('');
    const date = parseDateEntry(text, locale, today);
    if (date && date !== value) onChange(date);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    const from = (draft !== null && parseDateEntry(draft, locale, today)) || value || today;
    setDraft(null);
    onChange(addDays(from, e.key === 'ArrowUp' ? 1 : -1));
  };

  return (
    <input
      type="text"
      className={className ? `date-field ${className}` : 'date-field'}
      lang={locale}
      value={shown}
      placeholder={example}
      size={Math.max(example.length, 8)}
      aria-label={label}
      aria-invalid={invalid || undefined}
      title={invalid ? t('date.howToType', { example }) : undefined}
      onChange={(e) => type(e.target.value)}
      // Typed in full and read, the day is written back the console's way.
      onBlur={() => !invalid && setDraft(null)}
      onKeyDown={onKeyDown}
      data-testid={testId}
      data-value={value}
    />
  );
}
