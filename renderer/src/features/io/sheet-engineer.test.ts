import { describe, expect, it } from 'vitest';
import { sheetEngineerLine, sheetFileName } from './sheet-engineer.js';

describe('the engineer on the daily sheet', () => {
  const engineers = new Map(
    [
      { id: 'eng-0051', name: 'Li Wei', team: 'team-xuhui-2' },
      { id: 'eng-0063', name: 'Li Wei', team: 'team-xuhui-2' },
      { id: 'eng-0070', name: 'Li Wei', team: 'team-huangpu-1' },
      { id: 'eng-0080', name: 'Zhao Lei', team: 'team-huangpu-1' },
    ].map((e) => [e.id, e]),
  );

  it('stands beside their team, a namesake in the same team with their short id', () => {
    expect(sheetEngineerLine(engineers, 'eng-0051', 'en')).toBe('Li Wei (#0051) · Xuhui 2');
    expect(sheetEngineerLine(engineers, 'eng-0070', 'en')).toBe('Li Wei · Huangpu 1');
    expect(sheetEngineerLine(engineers, 'eng-0080', 'en')).toBe('Zhao Lei · Huangpu 1');
    expect(sheetEngineerLine(engineers, 'eng-0051', 'zh-CN')).toBe('Li Wei（#0051） · 徐汇2组');
    expect(sheetEngineerLine(engineers, 'eng-0099', 'en')).toBe('eng-0099');
  });

  it("names the PDF of their day so two of the same name do not save over each other's", () => {
    const file = (engineerId: string, locale: 'en' | 'zh-CN' = 'en') =>
      sheetFileName(engineers, { engineerId, date: '2026-12-08' }, null, locale);
    expect(file('eng-0051')).toBe('Li Wei (Xuhui 2, #0051) 2026-12-08.pdf');
    expect(file('eng-0063')).toBe('Li Wei (Xuhui 2, #0063) 2026-12-08.pdf');
    expect(file('eng-0070', 'zh-CN')).toBe('Li Wei（黄浦1组） 2026-12-08.pdf');
    expect(file('eng-0080')).toBe('Zhao Lei 2026-12-08.pdf');
    expect(sheetFileName(engineers, { engineerId: 'eng-0051', date: '2026-12-08' }, 'WO-7', 'en')).toBe('WO-7.pdf');
  });
});
