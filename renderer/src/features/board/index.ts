// What the board offers the rest of the console.
export { Board } from './Board.js';
export { BoardToolbar } from './BoardToolbar.js';
