// Finding the place a caller names: the centre's known sites (from the orders on the cache) and a gazetteer of the
// shipped cities' districts and streets, built from the same area data the simulated city writes its addresses from,
// so the names agree. Pure and offline: no geocoding service is asked.
import type { GeoPoint, Site } from '../../../../shared/domain/index.js';
import { haversineKm } from '../../../../shared/geo/index.js';
import { AREAS, DEFAULT_AREA_ID, type CityArea } from '../../../../shared/scenario/index.js';
import { ZH_CITIES, ZH_DISTRICTS } from '../../i18n/domain-labels.js';
import type { Locale } from '../../i18n/messages.js';

/** What a candidate is: a site the centre has sent an engineer to, a street of a district, or a whole district. */
export type PlaceKind = 'site' | 'street' | 'district';

/** A place the dispatcher can pick. */
export interface Place {
  kind: PlaceKind;
  /** The address as it fills the form (for a street, with the house number the dispatcher typed). */
  address: string;
  /** What tells it apart in the list: the customer of a known site, the district and city of a street. */
  detail: string;
  /** The district and city of a gazetteer place (ids), named in the console's language by `placeDetail`. */
  where?: { district: string; area: string };
  /** The customer whose known site it is. */
  customerId?: string;
  lat: number;
  lon: number;
}

/** A place with the names it is found by, normalised. */
interface Entry {
  kind: PlaceKind;
  address: string;
  detail: string;
  where?: { district: string; area: string };
  customerId?: string;
  point: GeoPoint;
  keys: string[];
  areaId: string | null;
  /** How a street's address is written with a house number. */
  numbered: ((n: string) => string) | null;
}

/** The searchable places: known sites first, then the gazetteer. Build it once per dialog. */
export interface PlaceIndex {
  sites: Entry[];
  gazetteer: Entry[];
  /** The area the centre serves (where its known sites are), whose streets rank first; null with no sites. */
  homeAreaId: string | null;
  /** Where a map of the centre's ground opens: the middle of its known sites, or of the default city. */
  centre: GeoPoint;
}

const ABBREVIATIONS: Record<string, string> = {
  rd: 'road',
  st: 'street',
  ave: 'avenue',
  av: 'avenue',
  ln: 'lane',
  sq: 'square',
  pl: 'place',
  hwy: 'highway',
};

/**
 * A name as it is compared: full-width letters and digits made ordinary (NFKC), lower case, common English street
 * abbreviations written out, and spaces and punctuation dropped ("Jing'an" and "jingan", "Oxford St." and "oxford
 * street", "衡山路１００号" and "衡山路100号" compare equal).
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\b[a-z]+\.?/g, (word) => ABBREVIATIONS[word.replace('.', '')] ?? word)
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** A query split into the place it names and the house number, if it gives one ("衡山路100号", "12 Oxford St"). */
export function splitNumber(query: string): { place: string; number: string | null } {
  const text = query.normalize('NFKC').trim();
  const cn = /(\d+)\s*号/.exec(text);
  if (cn) return { place: text.slice(0, cn.index), number: cn[1]! };
  const en = /^(\d+[a-z]?)\b[\s,]*(.*)$/i.exec(text);
  if (en && en[2]) return { place: en[2], number: en[1]! };
  const trailing = /^(.*?\D)\s*(\d+)$/.exec(text);
  if (trailing) return { place: trailing[1]!, number: trailing[2]! };
  return { place: text, number: null };
}

/** The gazetteer of the shipped cities: each district, and each street in it, at the district's centre. */
function gazetteer(areas: readonly CityArea[]): Entry[] {
  const entries: Entry[] = [];
  for (const area of areas) {
    for (const d of area.districts) {
      const point = { lat: d.lat, lon: d.lon };
      // Found by its local, English and Chinese console names, and the local one without 区 ("徐汇", "威斯敏斯特").
      const zh = ZH_DISTRICTS[d.id];
      const districtKeys = [
        ...new Set(
          [d.localName, d.name, d.localName.replace(/(新区|区)$/, ''), ...(zh ? [zh] : [])].map((k) => normalise(k)),
        ),
      ];
      entries.push({
        kind: 'district',
        address: area.addressStyle === 'cn' ? d.localName : d.name,
        detail: area.addressStyle === 'cn' ? `${d.name}, ${area.name}` : area.name,
        where: { district: d.id, area: area.id },
        point,
        keys: districtKeys,
        areaId: area.id,
        numbered: null,
      });
      for (const street of d.streets) {
        const cn = area.addressStyle === 'cn';
        entries.push({
          kind: 'street',
          address: cn ? `${d.localName}${street}` : `${street}, ${d.name}`,
          detail: cn ? `${d.name}, ${area.name}` : area.name,
          where: { district: d.id, area: area.id },
          point,
          keys: [
            ...new Set(
              [`${d.localName}${street}`, `${d.name}${street}`, street, `${street}${d.name}`].map((k) => normalise(k)),
            ),
          ],
          areaId: area.id,
          // Written as the simulated city writes its addresses: 区 + street + 号, or number + street + district.
          numbered: cn ? (n) => `${d.localName}${street}${n}号` : (n) => `${n} ${street}, ${d.name}`,
        });
      }
    }
  }
  return entries;
}

/** The middle of some points, each weighted (by 1 unless given). */
function middle(points: ReadonlyArray<GeoPoint & { weight?: number }>): GeoPoint {
  const total = points.reduce((s, p) => s + (p.weight ?? 1), 0);
  return {
    lat: points.reduce((s, p) => s + p.lat * (p.weight ?? 1), 0) / total,
    lon: points.reduce((s, p) => s + p.lon * (p.weight ?? 1), 0) / total,
  };
}

/** The area whose districts lie nearest the middle of the known sites. */
function homeArea(sites: readonly GeoPoint[], areas: readonly CityArea[]): string | null {
  if (sites.length === 0) return null;
  const mid = middle(sites);
  let best: { id: string; km: number } | null = null;
  for (const area of areas)
    for (const d of area.districts) {
      const km = haversineKm(mid, d);
      if (!best || km < best.km) best = { id: area.id, km };
    }
  return best?.id ?? null;
}

/** The index for a dialog: `sites` are the known sites with their customer's name, most recently active first. */
export function placeIndex(
  sites: Iterable<{ site: Site; customer: string; customerId?: string }>,
  areas: readonly CityArea[] = Object.values(AREAS),
): PlaceIndex {
  const seen = new Set<string>();
  const siteEntries: Entry[] = [];
  for (const { site, customer, customerId } of sites) {
    const id = `${site.address}\u0000${site.lat},${site.lon}`;
    if (seen.has(id)) continue;
    seen.add(id);
    siteEntries.push({
      kind: 'site',
      address: site.address,
      detail: customer,
      ...(customerId !== undefined ? { customerId } : {}),
      point: { lat: site.lat, lon: site.lon },
      keys: [normalise(site.address), normalise(customer)],
      areaId: null,
      numbered: null,
    });
  }
  const points = siteEntries.map((e) => e.point);
  const fallback = AREAS[DEFAULT_AREA_ID] ?? areas[0];
  return {
    sites: siteEntries,
    gazetteer: gazetteer(areas),
    homeAreaId: homeArea(points, areas),
    centre: points.length > 0 ? middle(points) : fallback ? middle(fallback.districts) : { lat: 0, lon: 0 },
  };
}

/**
 * How well `key` answers the query `q` (both normalised), lower is better: 0 the same, 1 it starts with the query,
 * 2 it holds the query, 3 the query holds it (a longer address typed in full: "上海市徐汇区衡山路"); null no match. A
 * query starting with a digit matches only where no digit precedes it, so "100 oxford…" does not find "1100 oxford…".
 */
function matchScore(key: string, q: string): number | null {
  if (key === q) return 0;
  const at = key.indexOf(q);
  if (at === 0) return 1;
  if (at > 0 && !(/\d/.test(q[0]!) && /\d/.test(key[at - 1]!))) return 2;
  if (key.length >= 2 && q.includes(key)) return 3;
  return null;
}

function bestScore(entry: Entry, q: string): number | null {
  let best: number | null = null;
  for (const key of entry.keys) {
    const s = matchScore(key, q);
    if (s !== null && (best === null || s < best)) best = s;
  }
  return best;
}

const KIND_RANK: Record<PlaceKind, number> = { site: 0, street: 1, district: 2 };

/** How many districts the query names (fully or as a prefix) go to the top of the list. */
const NAMED_DISTRICTS = 2;

/**
 * The places that match what the dispatcher typed, best first. A district the query names — its whole name or the
 * start of it, with or without 区, in Chinese or English ("徐汇", "徐汇区", "Xuhui", "xu") — comes first (at most
 * two), so the known sites and streets in it do not push it off the list. Then known sites above the gazetteer's
 * streets, streets above the districts the query merely holds; within each, exact before prefix before substring,
 * the centre's own city first. At most `limit`, keeping room for a few gazetteer places after the sites. An empty
 * query finds nothing.
 */
export function searchPlaces(index: PlaceIndex, query: string, limit = 8): Place[] {
  const full = normalise(query);
  if (full === '') return [];
  const { place, number } = splitNumber(query);
  const q = normalise(place) || full;
  const siteHits: Array<{ e: Entry; score: number }> = [];
  for (const e of index.sites) {
    // A known site is matched on the whole query, house number included: "衡山路100号" is not "衡山路1234号".
    const score = bestScore(e, full);
    if (score !== null) siteHits.push({ e, score });
  }
  const placeHits: Array<{ e: Entry; score: number }> = [];
  for (const e of index.gazetteer) {
    const score = bestScore(e, q);
    if (score !== null) placeHits.push({ e, score });
  }
  const order = (a: { e: Entry; score: number }, b: { e: Entry; score: number }) =>
    KIND_RANK[a.e.kind] - KIND_RANK[b.e.kind] ||
    a.score - b.score ||
    Number(b.e.areaId === index.homeAreaId) - Number(a.e.areaId === index.homeAreaId) ||
    a.e.address.length - b.e.address.length;
  siteHits.sort(order);
  placeHits.sort(order);
  const named = placeHits.filter((h) => h.e.kind === 'district' && h.score <= 1).slice(0, NAMED_DISTRICTS);
  const rest = placeHits.filter((h) => !named.includes(h));
  const top = named.slice(0, limit);
  const room = limit - top.length;
  const gazetteerRoom = Math.min(rest.length, Math.max(Math.min(3, room), room - siteHits.length));
  const chosen = [...top, ...siteHits.slice(0, room - gazetteerRoom), ...rest.slice(0, gazetteerRoom)];
  return chosen.map(({ e }) => ({
    kind: e.kind,
    address: number !== null && e.numbered ? e.numbered(number) : e.address,
    detail: e.detail,
    ...(e.where ? { where: e.where } : {}),
    ...(e.customerId !== undefined ? { customerId: e.customerId } : {}),
    lat: e.point.lat,
    lon: e.point.lon,
  }));
}

/**
 * What is at a point picked on the map: the nearest known site within `siteKm` (its address), or else the district
 * whose centre is nearest (its name, to complete with the street). Null far from every city the console knows.
 */
export function placeAt(index: PlaceIndex, point: GeoPoint, siteKm = 0.1): Place | null {
  let site: { e: Entry; km: number } | null = null;
  for (const e of index.sites) {
    const km = haversineKm(point, e.point);
    if (km <= siteKm && (!site || km < site.km)) site = { e, km };
  }
  if (site)
    return {
      kind: 'site',
      address: site.e.address,
      detail: site.e.detail,
      ...(site.e.customerId !== undefined ? { customerId: site.e.customerId } : {}),
      ...point,
    };
  let district: { e: Entry; km: number } | null = null;
  for (const e of index.gazetteer) {
    if (e.kind !== 'district') continue;
    const km = haversineKm(point, e.point);
    if (!district || km < district.km) district = { e, km };
  }
  if (!district || district.km > 60) return null;
  return {
    kind: 'district',
    address: district.e.address,
    detail: district.e.detail,
    ...(district.e.where ? { where: district.e.where } : {}),
    ...point,
  };
}

/**
 * What tells a place apart in the list, in the console's language: a gazetteer place's district and city by their
 * Chinese names in Chinese (陆家嘴，上海), the English ones in English; a known site's customer as written.
 */
export function placeDetail(place: Place, locale: Locale): string {
  if (!place.where || locale !== 'zh-CN') return place.detail;
  const district = ZH_DISTRICTS[place.where.district];
  const city = ZH_CITIES[place.where.area];
  return district && city ? `${district}，${city}` : place.detail;
}
