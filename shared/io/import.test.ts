import { describe, expect, it } from 'vitest';
import { MutationWorld, PRINCIPALS } from '../sync/mutation-world.testing.js';
import { epochAtLocal } from '../time/index.js';
import { parseCsv } from './csv.js';
import { guessMapping } from './fields.js';
import { previewImport } from './import.js';
import { readXlsx, toXlsx } from './xlsx.js';

const ZONE = 'Asia/Shanghai';

const ORDERS_CSV = [
  'Code,Customer,Tier,Phone,Address,Lat,Lon,Type,Priority,Summary,Skills,Parts,Duration,Window start,Window end',
  'WO-IMP-1,Shanghai Metro,gold,021 5555 0101,"100 Century Ave, Pudong",31.2397,121.4998,repair,P2,"Pump leaks, again",plumbing:2,valve-25:1,90,2026-07-06 09:00,2026-07-06 12:00',
  'WO-IMP-2,Lujiazui Tower,platinum,+86 21 5555 0102,8 Yincheng Rd,31.2360,121.5030,inspection,3,,hvac,,1:30,,',
  'WO-IMP-3,Bad Priority Ltd,gold,021 5555 0103,1 Nowhere Rd,31.2,121.4,repair,urgent,,,,60,,',
  '',
  'WO-IMP-4,Far Away Co,silver,phone me,2 Somewhere Rd,131.2,121.4,install,P4,,,,45,2026-07-06 14:00,',
  'WO-IMP-1,Twice Ltd,bronze,021 5555 0105,3 Copy St,31.2,121.4,repair,P3,,,,30,,',
].join('\r\n');

describe('importing orders from CSV', () => {
  const table = parseCsv(ORDERS_CSV).rows;
  const mapping = guessMapping('orders', table[0]!);

  it('guesses every column from English headers', () => {
    expect(mapping).toMatchObject({ code: 0, customer: 1, tier: 2, phone: 3, lat: 5, duration: 12, windowEnd: 14 });
    expect(mapping.customerId).toBeNull();
  });

  it('validates good rows into createOrder args, times in the centre zone', () => {
    const preview = previewImport('orders', table, mapping, { timeZone: ZONE });
    expect(preview.missing).toEqual([]);
    expect(preview.valid.map((v) => [v.row, v.label])).toEqual([
      [2, 'WO-IMP-1'],
      [3, 'WO-IMP-2'],
    ]);
    const first = preview.valid[0]!.mutation;
    expect(first.name).toBe('createOrder');
    expect(first.args).toMatchObject({
      order: {
        id: 'ord-WO-IMP-1',
        code: 'WO-IMP-1',
        customer: { name: 'Shanghai Metro', tier: 'gold', phone: '021 5555 0101' },
        site: { address: '100 Century Ave, Pudong', lat: 31.2397, lon: 121.4998 },
        priority: 'P2',
        summary: 'Pump leaks, again',
        requiredSkills: [{ skill: 'plumbing', level: 2 }],
        requiredParts: [{ part: 'valve-25', qty: 1 }],
        durationMin: 90,
        window: { start: epochAtLocal('2026-07-06', 9 * 60, ZONE), end: epochAtLocal('2026-07-06', 12 * 60, ZONE) },
      },
    });
    expect(preview.valid[1]!.mutation.args).toMatchObject({
      order: { priority: 'P3', durationMin: 90, requiredSkills: [{ skill: 'hvac', level: 1 }], window: null },
    });
  });

  it('lists each bad row with its row number in the file, its order code, and every reason by column', () => {
    const preview = previewImport('orders', table, mapping, { timeZone: ZONE });
    expect(preview.errors).toEqual([
      {
        row: 4,
        label: 'WO-IMP-3',
        issues: [
          {
            field: 'Priority',
            code: 'notPriority',
            params: { text: 'urgent' },
            message: '"urgent" is not a priority (P1 to P4)',
          },
        ],
      },
      {
        row: 6,
        label: 'WO-IMP-4',
        issues: [
          {
            field: 'Window end',
            code: 'windowHalf',
            params: {},
            message: 'an appointment window needs both a start and an end',
          },
          {
            field: 'Phone',
            code: 'schema',
            params: {},
            message: 'a phone number uses digits, spaces, + ( ) - only',
            say: { id: 'phoneFormat', args: {} },
          },
          {
            field: 'Lat',
            code: 'schema',
            params: {},
            message: expect.stringMatching(/90/),
            say: { id: 'atMost', args: { max: 90 } },
          },
        ],
      },
      {
        row: 7,
        label: 'WO-IMP-1',
        issues: [
          {
            field: 'Code',
            code: 'repeatsRow',
            params: { key: 'WO-IMP-1', row: '2' },
            message: 'WO-IMP-1 is already in row 2',
          },
        ],
      },
    ]);
  });

  it('reports orders the console already has', () => {
    const preview = previewImport('orders', table, mapping, { timeZone: ZONE, orderCodes: new Set(['WO-IMP-2']) });
    expect(preview.valid.map((v) => v.row)).toEqual([2]);
    expect(preview.errors[0]).toEqual({
      row: 3,
      label: 'WO-IMP-2',
      issues: [
        { field: 'Code', code: 'orderExists', params: { code: 'WO-IMP-2' }, message: 'order WO-IMP-2 already exists' },
      ],
    });
  });

  it('imports nothing while a required column is unmapped', () => {
    const preview = previewImport('orders', table, { ...mapping, phone: null }, { timeZone: ZONE });
    expect(preview).toMatchObject({ missing: ['phone'], valid: [], errors: [] });
  });

  it('gives args the createOrder mutation applies', () => {
    const w = new MutationWorld();
    const preview = previewImport('orders', table, mapping, { timeZone: ZONE });
    for (const v of preview.valid) expect(w.run(v.mutation.name, v.mutation.args).ok).toBe(true);
    expect(w.order('ord-WO-IMP-2')).toMatchObject({ status: 'new', customer: { tier: 'platinum' } });
  });
});

describe('importing engineers from XLSX with Chinese headers', () => {
  const header = [
    '工号',
    '姓名',
    '班组',
    '技能',
    '纬度',
    '经度',
    '上班时间',
    '下班时间',
    '车载库存',
    '最多工单',
    '手机',
  ];
  const rows: string[][] = [
    header,
    [
      'eng-x1',
      '王磊',
      'team-pudong-1',
      'hvac:3；electrical:2',
      '31.22',
      '121.54',
      '2026-07-06 08:00',
      '2026-07-06 17:00',
      'filter:4',
      '6',
      '+86 139 1234 5678',
    ],
    ['eng-x2', '', 'team-pudong-1', 'hvac:9', '31.22', '121.54', '', '', '', '', ''],
    ['eng-x3', '李娜', 'team-pudong-1', '', '31,25', '121,50', '2026-07-06 18:00', '2026-07-06 08:00', '', '', ''],
    ['eng-x4', '赵强', 'team pudong', '', '31.2', '121.5', '', '', '', 'many', '请打电话'],
  ];
  const bytes = toXlsx(
    rows.slice(1),
    header.map((h, i) => ({ header: h, value: (r: string[]) => r[i] ?? null })),
  );
  const table = readXlsx(bytes);
  const mapping = guessMapping('engineers', table[0]!);

  it('maps the Chinese headers and builds createEngineer args', () => {
    expect(Object.values(mapping).every((v) => v !== null)).toBe(true);
    const preview = previewImport('engineers', table, mapping, { timeZone: ZONE, engineerIds: new Set() });
    expect(preview.valid).toHaveLength(1);
    expect(preview.valid[0]).toMatchObject({
      row: 2,
      label: '王磊',
      mutation: {
        name: 'createEngineer',
        args: {
          engineer: {
            id: 'eng-x1',
            phone: '+86 139 1234 5678',
            skills: [
              { skill: 'hvac', level: 3 },
              { skill: 'electrical', level: 2 },
            ],
            homeBase: { lat: 31.22, lon: 121.54 },
            shifts: [
              {
                start: epochAtLocal('2026-07-06', 8 * 60, ZONE),
                end: epochAtLocal('2026-07-06', 17 * 60, ZONE),
                breaks: [],
              },
            ],
            vanStock: { filter: 4 },
            maxJobs: 6,
          },
        },
      },
    });
    const w = new MutationWorld();
    const m = preview.valid[0]!.mutation;
    expect(w.run(m.name, m.args, PRINCIPALS.supervisor).ok).toBe(true);
    expect(w.engineer('eng-x1').phone).toBe('+86 139 1234 5678');
  });

  it('reports bad rows by their sheet row, naming the Chinese column', () => {
    const preview = previewImport('engineers', table, mapping, { timeZone: ZONE });
    expect(preview.errors.map((e) => e.row)).toEqual([3, 4, 5]);
    expect(preview.errors[0]!.issues).toEqual([{ field: '姓名', code: 'empty', params: {}, message: 'is empty' }]);
    expect(preview.errors[1]!.issues).toEqual([
      {
        field: '上班时间',
        code: 'schema',
        params: {},
        message: 'a shift must end after it starts',
        say: { id: 'shiftEndsFirst', args: {} },
      },
    ]);
    expect(preview.errors[2]!.issues.map((i) => i.field)).toEqual(['最多工单', '班组', '手机']);
    expect(preview.errors[2]!.issues[2]!.message).toBe('a phone number uses digits, spaces, + ( ) - only');
  });
});
