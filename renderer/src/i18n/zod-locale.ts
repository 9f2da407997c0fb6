import { config } from 'zod';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import type { Locale } from './messages.js';

/**
 * Zod's own wording (too big, too short, not a number…) in the console's language: a fallback for a message read as
 * zod wrote it. The console words a check by its reason (shared/validation/issues.ts `issueReason`) wherever it can.
 */
export function applyZodLocale(locale: Locale): void {
  config(locale === 'zh-CN' ? zhCN() : en());
}
