import type { Customer, CustomerTier, Site } from '../domain/index.js';
import type { CityArea, District } from './area.js';
import { pointIn } from './geo.js';
import type { Random } from '../random/index.js';

/** A customer with the sites it owns and how often it calls. */
export interface CustomerPlan {
  customer: Customer;
  sites: Array<Site & { districtId: string }>;
  /** Relative share of the day's orders; big accounts call more. */
  activity: number;
}

const TIER_WEIGHTS_BUSINESS: Record<CustomerTier, number> = { platinum: 8, gold: 22, silver: 45, bronze: 25 };
const TIER_WEIGHTS_RESIDENTIAL: Record<CustomerTier, number> = { platinum: 0, gold: 0, silver: 30, bronze: 70 };
const TIERS: readonly CustomerTier[] = ['platinum', 'gold', 'silver', 'bronze'];
const ACTIVITY: Record<CustomerTier, number> = { platinum: 6, gold: 3, silver: 1.5, bronze: 1 };

function digits(rng: Random, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

function address(rng: Random, area: CityArea, district: District): string {
  const street = rng.pick(district.streets);
  const number = rng.int(1, 1800);
  return area.addressStyle === 'cn'
    ? `${district.localName}${street}${number}号`
    : `${number} ${street}, ${district.name}`;
}

function site(rng: Random, area: CityArea): Site & { districtId: string } {
  const district = rng.weighted(area.districts, (d) => d.weight);
  const point = pointIn(rng, district);
  return { address: address(rng, area, district), lat: point.lat, lon: point.lon, districtId: district.id };
}

/** The customer base: businesses with one to three sites, and private households. */
export function makeCustomers(rng: Random, area: CityArea, count: number): CustomerPlan[] {
  const plans: CustomerPlan[] = [];
  for (let i = 0; i < count; i++) {
    const business = rng.chance(0.75);
    const tier = rng.weighted(TIERS, (t) => (business ? TIER_WEIGHTS_BUSINESS : TIER_WEIGHTS_RESIDENTIAL)[t]);
    const name = business
      ? [rng.pick(area.businessPrefixes), rng.pick(area.businessTrades), rng.pick(area.businessSuffixes)]
          .filter(Boolean)
          .join(area.addressStyle === 'cn' ? '' : ' ')
      : area.residentialPattern.replace('{surname}', rng.pick(area.surnames));
    const phone = business
      ? `${area.phonePrefix} ${digits(rng, 4)} ${digits(rng, 4)}`
      : `${rng.pick(area.mobilePrefixes)} ${digits(rng, 4)} ${digits(rng, 4)}`;
    const siteCount = business ? rng.weighted([1, 2, 3], (n) => [60, 28, 12][n - 1] ?? 0) : 1;
    plans.push({
      customer: { id: `cus-${String(i + 1).padStart(5, '0')}`, name, tier, phone, language: area.language },
      sites: Array.from({ length: siteCount }, () => site(rng, area)),
      activity: ACTIVITY[tier] * (0.3 + rng.next() * 1.4),
    });
  }
  return plans;
}
