// How the daily sheet names the engineer whose day it holds. Pure: tested in Node.
import { teamLabel } from '../../i18n/domain-labels.js';
import type { Locale } from '../../i18n/messages.js';
import { engineerName } from '../../i18n/names.js';
import { safeFileName } from '../../ui/download.js';

type Engineers = ReadonlyMap<string, { readonly id: string; readonly name: string; readonly team: string }>;

/**
 * The engineer as the sheet's header names them, beside their team: a namesake in the same team by their short id too
 * ("Li Wei (#0051) · Xuhui 2"), as under a team's heading on the board (engineerNames, underTeams). Their id alone when
 * they are not known.
 */
export function sheetEngineerLine(engineers: Engineers, engineerId: string, locale: Locale): string {
  const engineer = engineers.get(engineerId);
  if (!engineer) return engineerId;
  return `${engineerName(engineers, engineerId, locale, { underTeams: true })} · ${teamLabel(engineer.team, locale)}`;
}

/**
 * The sheet's PDF: the order's code for one order's sheet, else the engineer (told apart from a namesake, by team and
 * short id: the file goes where no team heading stands) and the day.
 */
export function sheetFileName(
  engineers: Engineers,
  sheet: { engineerId: string; date: string },
  orderCode: string | null,
  locale: Locale,
): string {
  return safeFileName(
    orderCode !== null ? `${orderCode}.pdf` : `${engineerName(engineers, sheet.engineerId, locale)} ${sheet.date}.pdf`,
  );
}
