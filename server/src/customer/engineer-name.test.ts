import { describe, expect, it } from 'vitest';
import { customerEngineerName } from './engineer-name.js';

const both = (name: string) => ({ zh: customerEngineerName(name, 'zh'), en: customerEngineerName(name, 'en') });

describe('the engineer as the customer knows them', () => {
  it('is the family name and 师傅 on a Chinese page, the full name on an English one, for a Chinese name', () => {
    expect(both('李杰')).toEqual({ zh: '李师傅', en: '李杰' });
    expect(both('何敏')).toEqual({ zh: '何师傅', en: '何敏' });
    expect(both('王秀英')).toEqual({ zh: '王师傅', en: '王秀英' });
    expect(both(' 李 杰 ')).toEqual({ zh: '李师傅', en: '李杰' });
  });

  it('knows the two-character family names', () => {
    for (const family of ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙'])
      expect(customerEngineerName(`${family}明`, 'zh'), family).toBe(`${family}师傅`);
    for (const family of ['宇文', '司徒', '夏侯', '端木', '南宫'])
      expect(both(`${family}晓燕`), family).toEqual({ zh: `${family}师傅`, en: `${family}晓燕` });
    // Two characters are a family name and a given name, whatever they are.
    expect(customerEngineerName('欧阳', 'zh')).toBe('欧师傅');
    // A family name comes first: 东方 at the end is a given name.
    expect(customerEngineerName('陈东方', 'zh')).toBe('陈师傅');
  });

  it('is the first name of a western name, in both languages', () => {
    expect(both('Tom Baker')).toEqual({ zh: 'Tom', en: 'Tom' });
    expect(both('  Mary  Anne Smith ')).toEqual({ zh: 'Mary', en: 'Mary' });
    // One word is the whole name, not a name less its first letter.
    expect(both('Madonna')).toEqual({ zh: 'Madonna', en: 'Madonna' });
  });

  it('is the whole name when it is neither: one character, or a name with other marks', () => {
    expect(both('杰')).toEqual({ zh: '杰', en: '杰' });
    expect(both('阿依古丽·买买提')).toEqual({ zh: '阿依古丽·买买提', en: '阿依古丽·买买提' });
  });
});
