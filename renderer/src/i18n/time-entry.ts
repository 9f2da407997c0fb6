/**
 * Times of day typed in the console's 24-hour clock, whatever the browser's: a time input shows `08:00 AM` on an
 * English browser, in a console that writes every other time `08:00`. A time is kept as HH:MM; this reads what a
 * dispatcher types: `8`, `8:30`, `0830`, `8.30`, `８：３０`, `8点30`, `8点`.
 */
export function parseTimeEntry(text: string): string | null {
  const plain = text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[：.．点時时]/g, ':')
    .replace(/[分]$/, '')
    .replace(/:$/, '');
  const m = /^(\d{1,2})(?::(\d{2}))?$/.exec(plain) ?? /^(\d{1,2})(\d{2})$/.exec(plain);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The time `minutes` later (or earlier), round the clock: ↑/↓ in a time field. */
export function stepTimeEntry(time: string, minutes: number): string {
  const parsed = parseTimeEntry(time) ?? '00:00';
  const [h, m] = parsed.split(':').map(Number) as [number, number];
  const total = (((h * 60 + m + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
