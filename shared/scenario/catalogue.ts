import type { OrderType, Part, Skill } from '../domain/index.js';

/** A trade: a skill, the parts it uses on the van, and how its work orders look. */
export interface Trade {
  skill: Skill;
  parts: Part[];
  /** Relative share of the city's work orders. */
  demand: number;
  /** What customers report, by order type, for order summaries: in English and in Chinese, as the city speaks. */
  summaries: Record<OrderType, Said[]>;
}

/** One thing a customer may report, in each language a simulated city's customers write in. */
export interface Said {
  en: string;
  zh: string;
}

const part = (id: string, name: string): Part => ({ id, name });
const said = (en: string, zh: string): Said => ({ en, zh });

/** The trades a multi-service field organisation covers (facilities, telecoms, utilities). */
export const TRADES: readonly Trade[] = [
  {
    skill: { id: 'hvac', name: 'HVAC' },
    parts: [
      part('p-hvac-filter', 'Air filter F7'),
      part('p-hvac-capacitor', 'Run capacitor 45µF'),
      part('p-hvac-fan-motor', 'Condenser fan motor'),
      part('p-hvac-refrigerant', 'Refrigerant R32 (kg)'),
    ],
    demand: 18,
    summaries: {
      install: [
        said('Install split AC unit', '安装分体空调'),
        said('Install fan coil unit', '安装风机盘管'),
        said('Commission rooftop unit', '屋顶机组调试'),
      ],
      repair: [
        said('Air conditioning not cooling', '空调不制冷'),
        said('Chiller alarm E4', '冷水机组报警 E4'),
        said('Fan coil leaking water', '风机盘管漏水'),
        said('Heat pump tripping', '热泵跳闸'),
      ],
      maintenance: [
        said('Quarterly AC service', '空调季度保养'),
        said('Filter change and coil clean', '更换滤网并清洗盘管'),
        said('Chiller seasonal check', '冷水机组换季检查'),
      ],
      inspection: [
        said('Refrigerant leak inspection', '制冷剂泄漏检查'),
        said('Ventilation air-flow survey', '通风风量测试'),
      ],
    },
  },
  {
    skill: { id: 'electrical', name: 'Electrical' },
    parts: [
      part('p-el-breaker', 'MCB 32A'),
      part('p-el-rcd', 'RCD 40A 30mA'),
      part('p-el-cable', 'Cable 2.5mm² (m)'),
      part('p-el-lamp', 'LED panel 600×600'),
    ],
    demand: 16,
    summaries: {
      install: [
        said('Install distribution board', '安装配电箱'),
        said('Install EV charger', '安装电动汽车充电桩'),
        said('Fit emergency lighting', '安装应急照明'),
      ],
      repair: [
        said('Power outage on floor', '楼层停电'),
        said('RCD keeps tripping', '漏电保护器反复跳闸'),
        said('Lighting circuit dead', '照明回路无电'),
        said('Burning smell from socket', '插座有焦糊味'),
      ],
      maintenance: [
        said('Thermal scan of switchboards', '配电柜红外测温'),
        said('Emergency lighting test', '应急照明测试'),
      ],
      inspection: [said('Periodic electrical inspection', '电气定期检测'), said('Earth loop test', '接地回路测试')],
    },
  },
  {
    skill: { id: 'plumbing', name: 'Plumbing' },
    parts: [
      part('p-pl-valve', 'Ball valve DN25'),
      part('p-pl-pump-seal', 'Pump mechanical seal'),
      part('p-pl-trap', 'Drain trap'),
      part('p-pl-heater-element', 'Water heater element'),
    ],
    demand: 13,
    summaries: {
      install: [said('Install water heater', '安装热水器'), said('Install booster pump', '安装增压泵')],
      repair: [
        said('Burst pipe', '水管爆裂'),
        said('Blocked drain', '下水道堵塞'),
        said('No hot water', '没有热水'),
        said('Booster pump noisy', '增压泵噪音大'),
      ],
      maintenance: [said('Water tank cleaning', '水箱清洗'), said('Pump room service', '泵房保养')],
      inspection: [said('Backflow preventer test', '倒流防止器测试'), said('Leak survey', '漏水检测')],
    },
  },
  {
    skill: { id: 'elevator', name: 'Lifts and escalators' },
    parts: [
      part('p-lift-door-roller', 'Landing door roller'),
      part('p-lift-controller-board', 'Lift controller board'),
      part('p-lift-brake-pad', 'Brake pad set'),
    ],
    demand: 8,
    summaries: {
      install: [said('Install lift door operator', '安装电梯门机')],
      repair: [
        said('Lift stuck between floors', '电梯困在两层之间'),
        said('Lift door not closing', '电梯门关不上'),
        said('Escalator stopped', '扶梯停运'),
      ],
      maintenance: [
        said('Monthly lift maintenance', '电梯月度保养'),
        said('Escalator step chain lubrication', '扶梯梯级链润滑'),
      ],
      inspection: [said('Annual lift safety inspection', '电梯年度安全检验')],
    },
  },
  {
    skill: { id: 'fire', name: 'Fire safety' },
    parts: [
      part('p-fire-detector', 'Smoke detector'),
      part('p-fire-sounder', 'Alarm sounder'),
      part('p-fire-extinguisher', 'CO₂ extinguisher 5kg'),
    ],
    demand: 8,
    summaries: {
      install: [said('Install fire alarm panel', '安装火灾报警控制器'), said('Fit smoke detectors', '安装烟感探测器')],
      repair: [
        said('Fire panel fault', '火灾报警控制器故障'),
        said('False alarms in zone 3', '3 区误报警'),
        said('Sprinkler pressure low', '喷淋压力低'),
      ],
      maintenance: [said('Fire alarm quarterly test', '火灾报警季度测试'), said('Extinguisher service', '灭火器维保')],
      inspection: [said('Fire safety inspection', '消防安全检查'), said('Sprinkler flow test', '喷淋流量测试')],
    },
  },
  {
    skill: { id: 'security', name: 'Security systems' },
    parts: [
      part('p-sec-camera', 'IP camera 4MP'),
      part('p-sec-reader', 'Access card reader'),
      part('p-sec-nvr-disk', 'NVR disk 4TB'),
    ],
    demand: 9,
    summaries: {
      install: [said('Install CCTV cameras', '安装监控摄像头'), said('Install access control door', '安装门禁')],
      repair: [
        said('Camera offline', '摄像头离线'),
        said('Door access reader failed', '门禁读卡器故障'),
        said('NVR not recording', '录像机不录像'),
      ],
      maintenance: [said('CCTV health check', '监控系统巡检')],
      inspection: [said('Security system audit', '安防系统审查')],
    },
  },
  {
    skill: { id: 'network', name: 'Network and Wi-Fi' },
    parts: [
      part('p-net-switch', 'PoE switch 24-port'),
      part('p-net-ap', 'Wi-Fi 6 access point'),
      part('p-net-patch', 'Patch cable Cat6'),
    ],
    demand: 10,
    summaries: {
      install: [said('Install Wi-Fi access points', '安装无线接入点'), said('Install network cabinet', '安装网络机柜')],
      repair: [
        said('Network down in office', '办公室断网'),
        said('Wi-Fi dropping', 'Wi-Fi 经常掉线'),
        said('Switch port failures', '交换机端口故障'),
      ],
      maintenance: [said('Network cabinet tidy and firmware update', '网络机柜整理及固件升级')],
      inspection: [said('Wi-Fi coverage survey', 'Wi-Fi 覆盖测试')],
    },
  },
  {
    skill: { id: 'fibre', name: 'Fibre optics' },
    parts: [
      part('p-fib-ont', 'Optical network terminal'),
      part('p-fib-connector', 'SC/APC connector'),
      part('p-fib-splice-tray', 'Splice tray'),
    ],
    demand: 10,
    summaries: {
      install: [said('New fibre broadband installation', '新装光纤宽带'), said('Install ONT', '安装光猫')],
      repair: [
        said('Broadband outage (LOS red)', '宽带中断（LOS 红灯）'),
        said('Slow fibre connection', '光纤网速慢'),
        said('Damaged drop cable', '入户光缆损坏'),
      ],
      maintenance: [said('Street cabinet maintenance', '光交箱维护')],
      inspection: [said('OTDR test of feeder', '主干光缆 OTDR 测试')],
    },
  },
  {
    skill: { id: 'appliance', name: 'Appliances' },
    parts: [
      part('p-app-thermostat', 'Oven thermostat'),
      part('p-app-compressor-relay', 'Fridge compressor relay'),
      part('p-app-drain-pump', 'Washer drain pump'),
    ],
    demand: 6,
    summaries: {
      install: [said('Install dishwasher', '安装洗碗机'), said('Install commercial oven', '安装商用烤箱')],
      repair: [
        said('Fridge not cooling', '冰箱不制冷'),
        said('Washing machine not draining', '洗衣机不排水'),
        said('Oven not heating', '烤箱不加热'),
      ],
      maintenance: [said('Kitchen equipment service', '厨房设备保养')],
      inspection: [said('Gas appliance safety check', '燃气设备安全检查')],
    },
  },
  {
    skill: { id: 'solar', name: 'Solar PV' },
    parts: [
      part('p-pv-fuse', 'PV string fuse'),
      part('p-pv-optimiser', 'Power optimiser'),
      part('p-pv-inverter-fan', 'Inverter cooling fan'),
    ],
    demand: 2,
    summaries: {
      install: [said('Install rooftop PV system', '安装屋顶光伏系统'), said('Install battery storage', '安装储能电池')],
      repair: [said('Inverter fault code', '逆变器报故障码'), said('PV output dropped', '光伏发电量下降')],
      maintenance: [said('Panel cleaning and string test', '组件清洗及组串测试')],
      inspection: [said('Annual PV performance check', '光伏年度性能检测')],
    },
  },
];
