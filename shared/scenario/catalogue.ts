import type { OrderType, Part, Skill } from '../domain/index.js';

/** A trade: a skill, the parts it uses on the van, and how its work orders look. */
export interface Trade {
  skill: Skill;
  parts: Part[];
  /** Relative share of the city's work orders. */
  demand: number;
  /** What customers report, by order type, for order summaries. */
  summaries: Record<OrderType, string[]>;
}

const part = (id: string, name: string): Part => ({ id, name });

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
      install: ['Install split AC unit', 'Install fan coil unit', 'Commission rooftop unit'],
      repair: ['Air conditioning not cooling', 'Chiller alarm E4', 'Fan coil leaking water', 'Heat pump tripping'],
      maintenance: ['Quarterly AC service', 'Filter change and coil clean', 'Chiller seasonal check'],
      inspection: ['Refrigerant leak inspection', 'Ventilation air-flow survey'],
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
      install: ['Install distribution board', 'Install EV charger', 'Fit emergency lighting'],
      repair: ['Power outage on floor', 'RCD keeps tripping', 'Lighting circuit dead', 'Burning smell from socket'],
      maintenance: ['Thermal scan of switchboards', 'Emergency lighting test'],
      inspection: ['Periodic electrical inspection', 'Earth loop test'],
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
      install: ['Install water heater', 'Install booster pump'],
      repair: ['Burst pipe', 'Blocked drain', 'No hot water', 'Booster pump noisy'],
      maintenance: ['Water tank cleaning', 'Pump room service'],
      inspection: ['Backflow preventer test', 'Leak survey'],
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
      install: ['Install lift door operator'],
      repair: ['Lift stuck between floors', 'Lift door not closing', 'Escalator stopped'],
      maintenance: ['Monthly lift maintenance', 'Escalator step chain lubrication'],
      inspection: ['Annual lift safety inspection'],
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
      install: ['Install fire alarm panel', 'Fit smoke detectors'],
      repair: ['Fire panel fault', 'False alarms in zone 3', 'Sprinkler pressure low'],
      maintenance: ['Fire alarm quarterly test', 'Extinguisher service'],
      inspection: ['Fire safety inspection', 'Sprinkler flow test'],
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
      install: ['Install CCTV cameras', 'Install access control door'],
      repair: ['Camera offline', 'Door access reader failed', 'NVR not recording'],
      maintenance: ['CCTV health check'],
      inspection: ['Security system audit'],
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
      install: ['Install Wi-Fi access points', 'Install network cabinet'],
      repair: ['Network down in office', 'Wi-Fi dropping', 'Switch port failures'],
      maintenance: ['Network cabinet tidy and firmware update'],
      inspection: ['Wi-Fi coverage survey'],
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
      install: ['New fibre broadband installation', 'Install ONT'],
      repair: ['Broadband outage (LOS red)', 'Slow fibre connection', 'Damaged drop cable'],
      maintenance: ['Street cabinet maintenance'],
      inspection: ['OTDR test of feeder'],
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
      install: ['Install dishwasher', 'Install commercial oven'],
      repair: ['Fridge not cooling', 'Washing machine not draining', 'Oven not heating'],
      maintenance: ['Kitchen equipment service'],
      inspection: ['Gas appliance safety check'],
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
      install: ['Install rooftop PV system', 'Install battery storage'],
      repair: ['Inverter fault code', 'PV output dropped'],
      maintenance: ['Panel cleaning and string test'],
      inspection: ['Annual PV performance check'],
    },
  },
];
