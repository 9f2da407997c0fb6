/** The bench's chart: the three policies over the simulated day, as an SVG (rendered to PNG by Chromium). */

export interface HourPoint {
  /** Local hour of the day, 1–24. */
  hour: number;
  waiting: number;
  completed: number;
  slaAttainment: number | null;
  travelPerOrderMin: number | null;
}

export type Series = Record<string, HourPoint[]>;

const COLOURS: Record<string, string> = { none: '#9aa0a6', greedy: '#e8710a', engine: '#1a73e8' };
const W = 300;
const H = 190;
const PAD = { left: 44, right: 12, top: 30, bottom: 30 };

function panel(
  x0: number,
  title: string,
  series: Series,
  value: (p: HourPoint) => number | null,
  format: (v: number) => string,
  fixedMax?: number,
): string {
  const all = Object.values(series)
    .flat()
    .map(value)
    .filter((v): v is number => v !== null);
  const max = fixedMax ?? Math.max(1, ...all) * 1.1;
  const min = fixedMax === 1 ? Math.min(0.8, ...all) : 0;
  const px = (h: number) => x0 + PAD.left + ((h - 0) / 24) * (W - PAD.left - PAD.right);
  const py = (v: number) => PAD.top + (1 - (v - min) / (max - min)) * (H - PAD.top - PAD.bottom);
  const grid = [0, 0.5, 1]
    .map((f) => min + f * (max - min))
    .map(
      (v) =>
        `<line x1="${px(0)}" x2="${px(24)}" y1="${py(v)}" y2="${py(v)}" stroke="#e0e0e0"/>` +
        `<text x="${px(0) - 4}" y="${py(v) + 4}" text-anchor="end" font-size="10" fill="#555">${format(v)}</text>`,
    )
    .join('');
  const hours = [0, 6, 12, 18, 24]
    .map((h) => `<text x="${px(h)}" y="${H - 12}" text-anchor="middle" font-size="10" fill="#555">${h}:00</text>`)
    .join('');
  const lines = Object.entries(series)
    .map(([name, points]) => {
      const d = points
        .map((p) => [p.hour, value(p)] as const)
        .filter((pair): pair is readonly [number, number] => pair[1] !== null)
        .map(([h, v], i) => `${i === 0 ? 'M' : 'L'}${px(h).toFixed(1)},${py(v).toFixed(1)}`)
        .join(' ');
      return `<path d="${d}" fill="none" stroke="${COLOURS[name] ?? '#000'}" stroke-width="2"/>`;
    })
    .join('');
  return (
    `<text x="${x0 + PAD.left}" y="18" font-size="12" font-weight="600" fill="#202124">${title}</text>` +
    grid +
    hours +
    lines
  );
}

/** Four panels side by side (queue, completed, SLA attainment, travel per order) and a legend. */
export function dayChartSvg(series: Series, caption: string): string {
  const width = W * 4;
  const height = H + 34;
  const legend = Object.keys(series)
    .map(
      (name, i) =>
        `<rect x="${PAD.left + i * 110}" y="${H + 10}" width="14" height="4" fill="${COLOURS[name] ?? '#000'}"/>` +
        `<text x="${PAD.left + i * 110 + 20}" y="${H + 16}" font-size="11" fill="#202124">${name}</text>`,
    )
    .join('');
  const body = [
    panel(
      0,
      'Orders waiting in the queue',
      series,
      (p) => p.waiting,
      (v) => v.toFixed(0),
    ),
    panel(
      W,
      'Completed so far',
      series,
      (p) => p.completed,
      (v) => v.toFixed(0),
    ),
    panel(
      W * 2,
      'SLA attainment so far',
      series,
      (p) => p.slaAttainment,
      (v) => `${(v * 100).toFixed(0)}%`,
      1,
    ),
    panel(
      W * 3,
      'Travel per order (min)',
      series,
      (p) => p.travelPerOrderMin,
      (v) => v.toFixed(0),
    ),
  ].join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">` +
    `<rect width="100%" height="100%" fill="#fff"/>${body}${legend}` +
    `<text x="${width - 8}" y="${H + 16}" text-anchor="end" font-size="10" fill="#777">${caption}</text></svg>`
  );
}
