import { config } from 'zod';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import type { Locale } from './messages.js';

/**
 * Zod's own wording (too big, too short, not a number…) in the console's language, for the checks the views run
 * (an imported file's rows); messages the domain's schemas name themselves are not affected.
 */
export function applyZodLocale(locale: Locale): void {
  config(locale === 'zh-CN' ? zhCN() : en());
}
