/** The drag-and-drop type carrying an order id from the queue or the map onto the board. */
export const ORDER_DRAG_TYPE = 'application/x-dispatch-order';

/**
 * The board as a drop target for orders carried by pointer rather than HTML drag and drop (the map's canvas has no
 * draggable elements): `hover` while the pointer moves (true when over an engineer row), `drop` on release (true when
 * it booked), `leave` when the pointer leaves or the carry is cancelled.
 */
export interface OrderDropTarget {
  hover(orderId: string, clientX: number, clientY: number): boolean;
  drop(orderId: string, clientX: number, clientY: number): boolean;
  leave(): void;
}

let current: OrderDropTarget | null = null;
let dragging: string | null = null;

/**
 * The order being dragged by HTML drag and drop from this window. Browsers hide the drag's data until the drop, so the
 * board reads the id from here while hovering; the queue sets it on dragstart and clears it on dragend.
 */
export function setDraggedOrder(orderId: string | null): void {
  dragging = orderId;
}

export function draggedOrder(): string | null {
  return dragging;
}

/** The board registers itself while mounted; returns the unregister function. */
export function setOrderDropTarget(target: OrderDropTarget): () => void {
  current = target;
  return () => {
    if (current === target) current = null;
  };
}

export function orderDropTarget(): OrderDropTarget | null {
  return current;
}
