// What the board offers the rest of the console.
export { Board } from './Board.js';
export { BoardToolbar } from './BoardToolbar.js';
export { OverrideDialog } from './OverrideDialog.js';
export { withOverrides, type OverrideRequest } from './override.js';
