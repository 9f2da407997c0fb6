/**
 * The queue as a place to put the keyboard focus on an order's row (Find hands a chosen order in the queue to it, so
 * Enter on the row books it to the best candidate). `focus` scrolls the row into view and focuses it; false when the
 * queue's tab and filters do not list the order.
 */
export interface QueueFocus {
  focus(orderId: string): boolean;
}

let current: QueueFocus | null = null;

/** The queue registers itself while mounted; returns the unregister function. */
export function setQueueFocus(target: QueueFocus): () => void {
  current = target;
  return () => {
    if (current === target) current = null;
  };
}

/** Puts the focus on the order's queue row; false when the queue is not there or does not list the order. */
export function focusQueueRow(orderId: string): boolean {
  return current?.focus(orderId) ?? false;
}
