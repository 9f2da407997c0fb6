import { TRADES } from '../../../shared/scenario/catalogue.js';
import type { Actor } from '../../../shared/domain/index.js';
import type { Locale, MessageKey } from './messages.js';
import { listWords } from './punctuation.js';

/**
 * The names of the things a centre's data is made of — teams, skills, parts — in the console's language, keyed by
 * their stable ids. The English names are the shipped city's own (shared/scenario); the Chinese ones are below. An id
 * this catalogue does not know (a centre's own skill, an imported part) is shown as it is.
 */

const EN_SKILLS = new Map(TRADES.map((t) => [t.skill.id, t.skill.name]));
const EN_PARTS = new Map(TRADES.flatMap((t) => t.parts.map((p) => [p.id, p.name] as const)));

export const ZH_SKILLS: Readonly<Record<string, string>> = {
  hvac: '暖通空调',
  electrical: '电气',
  plumbing: '给排水',
  elevator: '电梯与扶梯',
  fire: '消防',
  security: '安防系统',
  network: '网络与无线',
  fibre: '光纤',
  appliance: '家电',
  solar: '光伏',
};

export const ZH_PARTS: Readonly<Record<string, string>> = {
  'p-hvac-filter': 'F7 空气过滤器',
  'p-hvac-capacitor': '45µF 运行电容',
  'p-hvac-fan-motor': '冷凝风机电机',
  'p-hvac-refrigerant': 'R32 制冷剂（千克）',
  'p-el-breaker': '32A 微型断路器',
  'p-el-rcd': '40A 30mA 漏电保护器',
  'p-el-cable': '2.5mm² 电缆（米）',
  'p-el-lamp': '600×600 LED 面板灯',
  'p-pl-valve': 'DN25 球阀',
  'p-pl-pump-seal': '水泵机械密封',
  'p-pl-trap': '排水存水弯',
  'p-pl-heater-element': '热水器加热管',
  'p-lift-door-roller': '层门滚轮',
  'p-lift-controller-board': '电梯控制板',
  'p-lift-brake-pad': '制动片组',
  'p-fire-detector': '烟雾探测器',
  'p-fire-sounder': '声光报警器',
  'p-fire-extinguisher': '5 千克二氧化碳灭火器',
  'p-sec-camera': '400 万像素网络摄像机',
  'p-sec-reader': '门禁读卡器',
  'p-sec-nvr-disk': '4TB 录像机硬盘',
  'p-net-switch': '24 口 PoE 交换机',
  'p-net-ap': 'Wi-Fi 6 无线接入点',
  'p-net-patch': '六类跳线',
  'p-fib-ont': '光网络终端',
  'p-fib-connector': 'SC/APC 连接器',
  'p-fib-splice-tray': '熔接盘',
  'p-app-thermostat': '烤箱温控器',
  'p-app-compressor-relay': '冰箱压缩机继电器',
  'p-app-drain-pump': '洗衣机排水泵',
  'p-pv-fuse': '光伏组串熔断器',
  'p-pv-optimiser': '功率优化器',
  'p-pv-inverter-fan': '逆变器散热风扇',
};

/** The shipped cities' names in Chinese, by area id (shared/scenario/areas.ts). */
export const ZH_CITIES: Readonly<Record<string, string>> = { shanghai: '上海', beijing: '北京', london: '伦敦' };

/** The districts teams work out of, by the district id in the team's id (Shanghai, the shipped city, Beijing, London). */
export const ZH_DISTRICTS: Readonly<Record<string, string>> = {
  huangpu: '黄浦',
  xuhui: '徐汇',
  changning: '长宁',
  jingan: '静安',
  putuo: '普陀',
  hongkou: '虹口',
  yangpu: '杨浦',
  minhang: '闵行',
  baoshan: '宝山',
  jiading: '嘉定',
  lujiazui: '陆家嘴',
  zhangjiang: '张江',
  chuansha: '川沙',
  nanhui: '南汇',
  songjiang: '松江',
  qingpu: '青浦',
  fengxian: '奉贤',
  jinshan: '金山',
  chongming: '崇明',
  dongcheng: '东城',
  xicheng: '西城',
  chaoyang: '朝阳',
  haidian: '海淀',
  fengtai: '丰台',
  shijingshan: '石景山',
  tongzhou: '通州',
  changping: '昌平',
  daxing: '大兴',
  shunyi: '顺义',
  westminster: '威斯敏斯特',
  city: '伦敦金融城',
  camden: '卡姆登',
  islington: '伊斯灵顿',
  hackney: '哈克尼',
  'tower-hamlets': '陶尔哈姆莱茨',
  southwark: '萨瑟克',
  lambeth: '兰贝斯',
  wandsworth: '旺兹沃思',
  newham: '纽汉',
  ealing: '伊灵',
  croydon: '克罗伊登',
  barnet: '巴尼特',
};

/** A skill's name ("HVAC", "暖通空调"), or its id when the catalogue does not know it. */
export function skillLabel(id: string, locale: Locale): string {
  return (locale === 'zh-CN' ? ZH_SKILLS[id] : undefined) ?? EN_SKILLS.get(id) ?? id;
}

/**
 * A part's name ("Air filter F7", "F7 空气过滤器"); for a part the catalogue does not know, the name the data gives it
 * (`known`), else its id.
 */
export function partLabel(id: string, locale: Locale, known?: string): string {
  return (locale === 'zh-CN' ? ZH_PARTS[id] : undefined) ?? EN_PARTS.get(id) ?? known ?? id;
}

/** "team-lujiazui-2" → "Lujiazui 2" / "陆家嘴2组"; a team id of another shape is shown in words as it is. */
export function teamLabel(teamId: string, locale: Locale): string {
  const m = /^team-(.+)-(\d+)$/.exec(teamId);
  const zh = m && locale === 'zh-CN' ? ZH_DISTRICTS[m[1] as string] : undefined;
  if (zh) return `${zh}${m?.[2]}组`;
  return teamId
    .replace(/^team-/, '')
    .split('-')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');
}

/** An order's required skills as a dispatcher reads them: "HVAC ≥ 3, Electrical ≥ 2" ("—" for none). */
export function requiredSkillsText(skills: readonly { skill: string; level: number }[], locale: Locale): string {
  return (
    listWords(
      skills.map((s) => `${skillLabel(s.skill, locale)} ≥ ${s.level}`),
      locale,
    ) || '—'
  );
}

/** An order's required parts: "Air filter F7 × 2" ("—" for none). */
export function requiredPartsText(parts: readonly { part: string; qty: number }[], locale: Locale): string {
  return (
    listWords(
      parts.map((p) => `${partLabel(p.part, locale)} × ${p.qty}`),
      locale,
    ) || '—'
  );
}

/**
 * The accounts that are not people (call intake, the autopilot, the wall display, the customer answering through the
 * tracking page, the greedy dispatcher that plays the day so far with the autopilot off), by id: the server names
 * them in English, the timeline in the console's words.
 */
const NAMED_ACCOUNTS = new Set([
  'intake',
  'planning',
  'autopilot',
  'viewer',
  'notifier',
  'customer',
  'dispatcher-greedy',
]);

/** Who did something, as the timeline names them: the centre's own accounts in the console's words, people as named. */
export function actorLabel(actor: Actor, t: (key: MessageKey) => string): string {
  return NAMED_ACCOUNTS.has(actor.id) ? t(`actor.${actor.id}` as MessageKey) : actor.name;
}
