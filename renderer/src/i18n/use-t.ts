import { useCallback } from 'react';
import { useConsole } from '../store/index.js';
import { translate, type MessageKey } from './messages.js';

/** The translate function for the console's current language. */
export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const locale = useConsole((s) => s.locale);
  return useCallback((key, params) => translate(locale, key, params), [locale]);
}
