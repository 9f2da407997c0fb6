// What finding an order offers the rest of the console.
export { FindOrder } from './FindOrder.js';
