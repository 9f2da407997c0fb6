import { createContext, useContext } from 'react';
import type { ConsoleActions } from './actions.js';

export const ActionsContext = createContext<ConsoleActions | null>(null);

/** The console's actions (booking, undo, …) for the component tree. */
export function useActions(): ConsoleActions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('useActions outside the console');
  return actions;
}
