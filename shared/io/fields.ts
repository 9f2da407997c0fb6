/** The columns an import understands, with the header names (English and Chinese) they are recognised by. */

export type ImportKind = 'orders' | 'engineers';

export interface ImportField {
  key: string;
  required: boolean;
  /** Header names that map to this field, compared without case, spaces or punctuation. */
  aliases: readonly string[];
}

const f = (key: string, required: boolean, ...aliases: string[]): ImportField => ({ key, required, aliases });

export const ORDER_FIELDS: readonly ImportField[] = [
  f(
    'code',
    true,
    'code',
    'order code',
    'order',
    'order no',
    'order number',
    'work order',
    '工单号',
    '工单编号',
    '工单',
    '单号',
  ),
  f('customer', true, 'customer', 'customer name', 'client', '客户', '客户名称', '客户名'),
  f('customerId', false, 'customer id', 'customer code', 'client id', '客户编号', '客户代码'),
  f('tier', true, 'tier', 'customer tier', 'service level', '客户等级', '等级', '级别'),
  f('phone', true, 'phone', 'telephone', 'tel', 'mobile', 'contact phone', '电话', '联系电话', '手机', '手机号'),
  f('address', true, 'address', 'site', 'site address', 'location', '地址', '现场地址', '服务地址'),
  f('lat', true, 'lat', 'latitude', '纬度'),
  f('lon', true, 'lon', 'lng', 'long', 'longitude', '经度'),
  f('type', true, 'type', 'order type', 'job type', '类型', '工单类型'),
  f('priority', true, 'priority', 'prio', '优先级'),
  f('summary', false, 'summary', 'description', 'fault', 'problem', '描述', '故障描述', '摘要', '说明'),
  f('skills', false, 'skills', 'required skills', 'skill', '技能', '所需技能', '技能要求'),
  f('parts', false, 'parts', 'required parts', 'spare parts', '备件', '所需备件', '配件'),
  f(
    'duration',
    true,
    'duration',
    'duration min',
    'minutes',
    'estimated duration',
    '时长',
    '预计时长',
    '工时',
    '时长分钟',
  ),
  f('windowStart', false, 'window start', 'appointment start', 'from', '预约开始', '预约开始时间', '开始时间'),
  f('windowEnd', false, 'window end', 'appointment end', 'to', '预约结束', '预约结束时间', '结束时间'),
];

export const ENGINEER_FIELDS: readonly ImportField[] = [
  f('id', true, 'id', 'engineer id', 'employee id', 'staff id', '工号', '工程师编号', '员工编号', '编号'),
  f('name', true, 'name', 'engineer', 'engineer name', 'full name', '姓名', '工程师', '名字'),
  f('team', true, 'team', 'team id', 'group', '班组', '团队', '小组'),
  f('phone', false, 'phone', 'telephone', 'tel', 'mobile', '电话', '联系电话', '手机', '手机号'),
  f('skills', false, 'skills', 'skill', '技能'),
  f('lat', true, 'lat', 'latitude', 'home lat', 'base lat', '纬度', '基地纬度'),
  f('lon', true, 'lon', 'lng', 'longitude', 'home lon', 'base lon', '经度', '基地经度'),
  f('shiftStart', false, 'shift start', 'start', 'from', '班次开始', '上班时间', '开始时间'),
  f('shiftEnd', false, 'shift end', 'end', 'to', '班次结束', '下班时间', '结束时间'),
  f('vanStock', false, 'van stock', 'stock', 'parts', '车载库存', '库存', '备件'),
  f('maxJobs', false, 'max jobs', 'jobs per day', '最多工单', '每日最多工单', '最大工单数'),
];

export function fieldsOf(kind: ImportKind): readonly ImportField[] {
  return kind === 'orders' ? ORDER_FIELDS : ENGINEER_FIELDS;
}

/** A header as compared: lower case, no spaces, underscores, hyphens, brackets or full stops (full-width too). */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.()[\]（）【】:：/]+/g, '');
}

/** Which column feeds each field: the column index, or null when no column does. */
export type ColumnMapping = Record<string, number | null>;

/** The mapping guessed from a header row: each field takes the first column whose header is one of its names. */
export function guessMapping(kind: ImportKind, headers: readonly string[]): ColumnMapping {
  const normal = headers.map(normaliseHeader);
  const taken = new Set<number>();
  const mapping: ColumnMapping = {};
  for (const field of fieldsOf(kind)) {
    const names = new Set(field.aliases.map(normaliseHeader));
    const index = normal.findIndex((h, i) => !taken.has(i) && names.has(h));
    mapping[field.key] = index >= 0 ? index : null;
    if (index >= 0) taken.add(index);
  }
  return mapping;
}
