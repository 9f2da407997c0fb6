/** The drag-and-drop type carrying an order id from the queue or the map onto the board. */
export const ORDER_DRAG_TYPE = 'application/x-dispatch-order';
