import { describe, expect, it } from 'vitest';
import { actionWords, stepDoneWords } from './action-words.js';
import { engineerNames } from './names.js';

describe('an action as the undo menu, the conflicts panel and the notices name it', () => {
  const names = (locale: 'en' | 'zh-CN') =>
    engineerNames(
      [
        { id: 'eng-0051', name: 'Li Wei', team: 'team-xuhui-2' },
        { id: 'eng-0063', name: 'Li Wei', team: 'team-huangpu-1' },
      ],
      locale,
    );
  const assign = { key: 'assignOrder', values: { order: 'WO-1', engineer: 'Li Wei', engineerId: 'eng-0063' } } as const;

  it('names an engineer who shares a name with another by their team, in English and in Chinese', () => {
    expect(actionWords(assign, 'en', 'Asia/Shanghai', names('en'))).toBe('Assign WO-1 to Li Wei (Huangpu 1)');
    expect(actionWords(assign, 'zh-CN', 'Asia/Shanghai', names('zh-CN'))).toContain('Li Wei（黄浦1组）');
    expect(stepDoneWords({ label: assign, mutationId: 1 }, 'undo', 'en', 'Asia/Shanghai', names('en'))).toBe(
      'Assign WO-1 to Li Wei (Huangpu 1)',
    );
  });

  it('keeps the name the label was made with for an engineer not known, or a label without their id', () => {
    expect(actionWords(assign, 'en', 'Asia/Shanghai')).toBe('Assign WO-1 to Li Wei');
    const older = { key: 'moveBooking', values: { order: 'WO-1', engineer: 'Li Wei' } } as const;
    expect(actionWords(older, 'en', 'Asia/Shanghai', names('en'))).toBe('Move WO-1 to Li Wei');
  });
});
