import { describe, expect, it } from 'vitest';
import { engineerOptions } from './engineer-options.js';

describe("the replay's engineer picker", () => {
  const engineers = [
    { id: 'eng-0063', name: 'Li Wei', team: 'team-xuhui-2' },
    { id: 'eng-0070', name: 'Li Wei', team: 'team-huangpu-1' },
    { id: 'eng-0051', name: 'Li Wei', team: 'team-xuhui-2' },
    { id: 'eng-0080', name: 'Zhao Lei', team: 'team-huangpu-1' },
  ];

  it('gives each engineer their team, and namesakes in one team their short id too', () => {
    expect(engineerOptions(engineers, 'en')).toEqual([
      { id: 'eng-0070', text: 'Li Wei · Huangpu 1' },
      { id: 'eng-0051', text: 'Li Wei (#0051) · Xuhui 2' },
      { id: 'eng-0063', text: 'Li Wei (#0063) · Xuhui 2' },
      { id: 'eng-0080', text: 'Zhao Lei · Huangpu 1' },
    ]);
  });

  it('says it in Chinese, with no bracket after another', () => {
    expect(engineerOptions(engineers, 'zh-CN').map((o) => o.text)).toEqual([
      'Li Wei·黄浦1组',
      'Li Wei（#0051）·徐汇2组',
      'Li Wei（#0063）·徐汇2组',
      'Zhao Lei·黄浦1组',
    ]);
  });
});
