import { nameParts } from '../i18n/names.js';

/**
 * An engineer's shown name (`label`, engineerNames) with the bracket that tells a namesake apart kept on one line: a
 * narrow column breaks the line before "(Minhang 1, #0010)", not inside it, and cuts the bracket at its end (an
 * ellipsis) only when it is wider than the whole column.
 */
export function NameWithMark({ label, name }: { label: string; name: string }) {
  const { head, mark } = nameParts(label, name);
  if (mark === '') return <>{label}</>;
  return (
    <>
      {head}
      <span className="name-mark" data-testid="name-mark">
        {mark}
      </span>
    </>
  );
}
