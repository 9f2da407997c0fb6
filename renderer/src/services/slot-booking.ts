// The action a window picked in "Find a time" becomes: one mutation, so one undo step, offline like any other.
import type { MutationArgs } from '../../../shared/sync/index.js';
import type { SlotOffer } from './views.js';

/** The call being logged with the window picked: promised to the customer, and booked to the engineer unless "any". */
export function createWithSlot(
  order: MutationArgs<'createOrder'>['order'],
  slot: SlotOffer,
  withEngineer: boolean,
): MutationArgs<'createOrder'> {
  const window = { start: slot.start, end: slot.end };
  return {
    order: { ...order, window },
    ...(withEngineer ? { booking: { engineerId: slot.engineerId, start: slot.plannedStart } } : {}),
  };
}

/** An open order given the window picked: booked with it to the engineer, or only promised it ("any engineer"). */
export function bookSlotAction(
  orderId: string,
  base: { version: number; rev: string },
  slot: SlotOffer,
  withEngineer: boolean,
):
  | { name: 'assignOrder'; args: MutationArgs<'assignOrder'> }
  | { name: 'updateOrder'; args: MutationArgs<'updateOrder'> } {
  const window = { start: slot.start, end: slot.end };
  return withEngineer
    ? { name: 'assignOrder', args: { orderId, base, engineerId: slot.engineerId, start: slot.plannedStart, window } }
    : { name: 'updateOrder', args: { orderId, base, patch: { window } } };
}
