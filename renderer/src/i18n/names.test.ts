import { describe, expect, it } from 'vitest';
import { customerNames, engineerName, engineerNames, nameParts } from './names.js';

describe('names that tell apart people of the same name', () => {
  const engineers = [
    { id: 'eng-0017', name: '王伟', team: 'team-xuhui-2' },
    { id: 'eng-0042', name: '王伟', team: 'team-huangpu-1' },
    { id: 'eng-0051', name: 'Li Wei', team: 'team-xuhui-2' },
    { id: 'eng-0063', name: 'li wei ', team: 'team-xuhui-2' },
    { id: 'eng-0070', name: 'Zhao Lei', team: 'team-xuhui-2' },
  ];

  it('adds the team to engineers who share a name, and the short id when they share the team too', () => {
    expect(Object.fromEntries(engineerNames(engineers, 'en'))).toEqual({
      'eng-0017': '王伟 (Xuhui 2)',
      'eng-0042': '王伟 (Huangpu 1)',
      'eng-0051': 'Li Wei (Xuhui 2, #0051)',
      'eng-0063': 'li wei  (Xuhui 2, #0063)',
      'eng-0070': 'Zhao Lei',
    });
  });

  it('says it in Chinese with full-width marks', () => {
    const names = engineerNames(engineers, 'zh-CN');
    expect(names.get('eng-0017')).toMatch(/^王伟（徐汇2组）$/);
    expect(names.get('eng-0051')).toMatch(/^Li Wei（徐汇2组，#0051）$/);
    expect(names.get('eng-0070')).toBe('Zhao Lei');
  });

  it('names one engineer as the others are named, and an engineer not known by their id', () => {
    const byId = new Map(engineers.map((e) => [e.id, e]));
    expect(engineerName(byId, 'eng-0051', 'en')).toBe('Li Wei (Xuhui 2, #0051)');
    expect(engineerName(byId, 'eng-0042', 'zh-CN')).toBe('王伟（黄浦1组）');
    expect(engineerName(byId, 'eng-0070', 'en')).toBe('Zhao Lei');
    expect(engineerName(byId, 'eng-0051', 'en', { underTeams: true })).toBe('Li Wei (#0051)');
    expect(engineerName(byId, 'eng-0051', 'zh-CN', { underTeams: true })).toBe('Li Wei（#0051）');
    expect(engineerName(byId, 'eng-0099', 'en')).toBe('eng-0099');
  });

  it('parts a shown name before the bracket that tells a namesake apart, the space staying with the name', () => {
    expect(nameParts('Li Wei (Xuhui 2, #0051)', 'Li Wei')).toEqual({ head: 'Li Wei ', mark: '(Xuhui 2, #0051)' });
    expect(nameParts('li wei  (Xuhui 2, #0063)', 'li wei ')).toEqual({ head: 'li wei  ', mark: '(Xuhui 2, #0063)' });
    expect(nameParts('王伟（徐汇2组，#0017）', '王伟')).toEqual({ head: '王伟', mark: '（徐汇2组，#0017）' });
    expect(nameParts('Zhao Lei', 'Zhao Lei')).toEqual({ head: 'Zhao Lei', mark: '' });
    expect(nameParts('eng-0099', 'eng-0099')).toEqual({ head: 'eng-0099', mark: '' });
    expect(nameParts('eng-0099', 'Zhao Lei')).toEqual({ head: 'eng-0099', mark: '' });
  });

  it('tells customers of the same name apart by the end of their phone number, once per customer', () => {
    const customers = [
      { id: 'cus-00001', name: 'Li Wei', phone: '+86 138 0000 1234' },
      { id: 'cus-00001', name: 'Li Wei', phone: '+86 138 0000 1234' },
      { id: 'cus-00002', name: 'Li Wei', phone: '+86 139 0000 5678' },
      { id: 'cus-00003', name: 'Bund Hotel', phone: '+86 21 5555 0000' },
    ];
    expect(Object.fromEntries(customerNames(customers, 'en'))).toEqual({
      'cus-00001': 'Li Wei (tel. …1234)',
      'cus-00002': 'Li Wei (tel. …5678)',
      'cus-00003': 'Bund Hotel',
    });
    expect(customerNames(customers, 'zh-CN').get('cus-00002')).toBe('Li Wei（电话尾号 5678）');
  });
});
