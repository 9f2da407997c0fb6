// The notes a daily sheet prints per order, read from each order's timeline. A timeline that cannot be read is kept as
// its reason, so the sheet says the notes are missing instead of printing "—" as if there were none.
import type { OrderEventView } from '../../services/views.js';

export type SheetNotes = { notes: string[] } | { failed: unknown };

export async function readSheetNotes(
  ids: readonly string[],
  orderEvents: (orderId: string) => Promise<OrderEventView[]>,
): Promise<Map<string, SheetNotes>> {
  const list = await Promise.all(
    ids.map(async (id): Promise<readonly [string, SheetNotes]> => {
      try {
        const events = await orderEvents(id);
        return [id, { notes: events.filter((e) => e.kind === 'note_added').map((e) => String(e.data.text ?? '')) }];
      } catch (failed) {
        return [id, { failed }];
      }
    }),
  );
  return new Map(list);
}
