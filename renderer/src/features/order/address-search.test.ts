import { describe, expect, it } from 'vitest';
import { AREAS, generateScenario } from '../../../../shared/scenario/index.js';
import { normalise, placeAt, placeDetail, placeIndex, searchPlaces, splitNumber } from './address-search.js';

const xuhui = AREAS.shanghai!.districts.find((d) => d.id === 'xuhui')!;
const westminster = AREAS.london!.districts.find((d) => d.id === 'westminster')!;

/** Two known sites in Shanghai: one on 衡山路, one on 南京西路. */
const known = [
  { site: { address: '徐汇区衡山路1234号', lat: 31.2, lon: 121.44 }, customer: '上海明珠大酒店有限公司' },
  { site: { address: '静安区南京西路88号', lat: 31.23, lon: 121.45 }, customer: '王先生/女士' },
];
const index = placeIndex(known);

describe('normalise', () => {
  it('compares without case, width, spaces, punctuation or common street abbreviations', () => {
    expect(normalise('  衡山路１００号 ')).toBe(normalise('衡山路100号'));
    expect(normalise("Jing'an")).toBe('jingan');
    expect(normalise('ＯＸＦＯＲＤ  St.')).toBe(normalise('oxford street'));
    expect(normalise('Strand')).toBe('strand');
    expect(normalise('1st Avenue')).toBe('1stavenue');
  });

  it('splits off the house number, Chinese or English', () => {
    expect(splitNumber('徐汇区衡山路100号')).toEqual({ place: '徐汇区衡山路', number: '100' });
    expect(splitNumber('衡山路 100')).toEqual({ place: '衡山路', number: '100' });
    expect(splitNumber('12 Oxford St')).toEqual({ place: 'Oxford St', number: '12' });
    expect(splitNumber('Strand')).toEqual({ place: 'Strand', number: null });
  });
});

describe('searchPlaces', () => {
  it('finds a street of the gazetteer from a Chinese address and writes the house number in, at its district', () => {
    const [first] = searchPlaces(index, '徐汇区衡山路100号');
    expect(first).toEqual({
      kind: 'street',
      address: '徐汇区衡山路100号',
      detail: 'Xuhui, Shanghai',
      where: { district: 'xuhui', area: 'shanghai' },
      lat: xuhui.lat,
      lon: xuhui.lon,
    });
    // Typed without the district, with the city before it, or with a full-width number: the same street.
    expect(searchPlaces(index, '衡山路100号')[0]?.address).toBe('徐汇区衡山路100号');
    expect(searchPlaces(index, '上海市徐汇区衡山路１００号')[0]?.address).toBe('徐汇区衡山路100号');
  });

  it('ranks a known site above the gazetteer, matching it on the house number too', () => {
    const hits = searchPlaces(index, '衡山路1234号');
    expect(hits.map((h) => [h.kind, h.address])).toEqual([
      ['site', '徐汇区衡山路1234号'],
      ['street', '徐汇区衡山路1234号'],
    ]);
    expect(hits[0]).toMatchObject({ detail: '上海明珠大酒店有限公司', lat: 31.2, lon: 121.44 });
    // Another number on the same street is not that site.
    expect(searchPlaces(index, '衡山路12号').map((h) => h.kind)).toEqual(['street']);
    // A prefix of the street finds the site first, then the street.
    expect(searchPlaces(index, '衡山').map((h) => h.kind)).toEqual(['site', 'street']);
  });

  it('finds a known site by its customer', () => {
    expect(searchPlaces(index, '明珠大酒店')[0]).toMatchObject({ kind: 'site', address: '徐汇区衡山路1234号' });
  });

  it('finds districts by their English (pinyin) and Chinese names', () => {
    for (const q of ['xuhui', 'XUHUI', '徐汇', '徐汇区'])
      expect(searchPlaces(index, q).find((h) => h.kind === 'district')).toMatchObject({
        address: '徐汇区',
        lat: xuhui.lat,
      });
    // The pinyin district name with a Chinese street.
    expect(searchPlaces(index, 'Xuhui 衡山路')[0]).toMatchObject({ kind: 'street', address: '徐汇区衡山路' });
  });

  it('offers the district the query names at the top, even when its known sites and streets fill the list', () => {
    // Ten known sites in Xuhui: each matches "徐汇" on its address, as do Xuhui's streets.
    const busy = placeIndex(
      Array.from({ length: 10 }, (_, i) => ({
        site: { address: `徐汇区衡山路${i + 1}号`, lat: 31.2, lon: 121.44 + i / 1000 },
        customer: `客户${i + 1}`,
      })),
    );
    for (const q of ['徐汇', '徐汇区', 'Xuhui', 'xuhui', 'Xu', '徐']) {
      const hits = searchPlaces(busy, q);
      expect(hits[0], q).toMatchObject({ kind: 'district', address: '徐汇区', lat: xuhui.lat, lon: xuhui.lon });
      expect(hits.filter((h) => h.kind === 'district').length, q).toBeLessThanOrEqual(2);
    }
    // The known sites (matched in Chinese) and then streets still follow it, in a full list.
    const kinds = searchPlaces(busy, '徐汇').map((h) => h.kind);
    expect(kinds).toHaveLength(8);
    expect(kinds.slice(1, 4)).toEqual(['site', 'site', 'site']);
    expect(kinds).toContain('street');
    // Named in the console's language: Chinese in a Chinese console, English in an English one.
    const [district] = searchPlaces(busy, '徐汇');
    expect(district && placeDetail(district, 'zh-CN')).toBe('徐汇，上海');
    expect(district && placeDetail(district, 'en')).toBe('Xuhui, Shanghai');
    // A London district by its Chinese name, worded in Chinese.
    const [london] = searchPlaces(busy, '威斯敏斯特');
    expect(london).toMatchObject({ kind: 'district', address: 'Westminster' });
    expect(london && placeDetail(london, 'zh-CN')).toBe('威斯敏斯特，伦敦');
    // A district the query merely holds, with a street after it, does not go above the street.
    expect(searchPlaces(index, 'Xuhui 衡山路').map((h) => h.kind)).toEqual(['street', 'district']);
    expect(searchPlaces(index, '上海市徐汇区衡山路')[0]).toMatchObject({ kind: 'street', address: '徐汇区衡山路' });
  });

  it('reads English addresses as London writes them', () => {
    expect(searchPlaces(index, '12 oxford st')[0]).toMatchObject({
      kind: 'street',
      address: '12 Oxford Street, Westminster',
      lat: westminster.lat,
      lon: westminster.lon,
    });
  });

  it("ranks the centre's own city first where two cities have a street of the same name", () => {
    const beijing = AREAS.beijing!;
    // Beijing given a 衡山路 in its first district, as Shanghai's Xuhui has.
    const areas = [
      AREAS.shanghai!,
      {
        ...beijing,
        districts: beijing.districts.map((d, i) => (i === 0 ? { ...d, streets: [...d.streets, '衡山路'] } : d)),
      },
    ];
    const inShanghai = placeIndex(known, areas);
    expect(
      searchPlaces(inShanghai, '衡山路')
        .filter((h) => h.kind === 'street')
        .map((h) => h.detail),
    ).toEqual(['Xuhui, Shanghai', 'Dongcheng, Beijing']);
    const inBeijing = placeIndex(
      [{ site: { address: '东城区东单北大街1号', lat: 39.92, lon: 116.41 }, customer: 'x' }],
      areas,
    );
    expect(searchPlaces(inBeijing, '衡山路').map((h) => h.detail)).toEqual(['Dongcheng, Beijing', 'Xuhui, Shanghai']);
  });

  it("names a gazetteer place's district and city in the console's language, a known site by its customer", () => {
    const index = placeIndex([{ site: { address: '徐汇区衡山路1号', lat: 31.2, lon: 121.44 }, customer: '衡山宾馆' }]);
    const hits = searchPlaces(index, '衡山');
    const zh = hits.map((h) => placeDetail(h, 'zh-CN'));
    expect(zh).toContain('衡山宾馆');
    expect(zh).toContain('徐汇，上海');
    expect(zh.join(' ')).not.toMatch(/[A-Za-z]/);
    expect(hits.map((h) => placeDetail(h, 'en'))).toContain('Xuhui, Shanghai');
    const pudong = searchPlaces(index, '世纪大道').find((h) => h.kind === 'street');
    expect(pudong && placeDetail(pudong, 'zh-CN')).toBe('陆家嘴，上海');
    expect(pudong && placeDetail(pudong, 'en')).toBe('Pudong Lujiazui, Shanghai');
  });

  it('finds nothing for an empty query or a place the console does not know', () => {
    expect(searchPlaces(index, '   ')).toEqual([]);
    expect(searchPlaces(index, '不存在的路')).toEqual([]);
  });

  it("agrees with the simulated city's addresses: every generated site's street is found at its district", () => {
    const city = generateScenario({ seed: 5, engineers: 4, orders: 60 });
    const empty = placeIndex([]);
    for (const o of city.orders) {
      const [hit] = searchPlaces(empty, o.site.address);
      expect(hit?.kind, o.site.address).toBe('street');
      expect(hit?.address).toBe(o.site.address);
    }
  });
});

describe('placeAt', () => {
  it('names a point on the map by the known site there, or else by its district', () => {
    expect(placeAt(index, { lat: 31.2003, lon: 121.4401 })).toMatchObject({
      kind: 'site',
      address: '徐汇区衡山路1234号',
      lat: 31.2003,
    });
    expect(placeAt(index, { lat: 31.19, lon: 121.43 })).toMatchObject({ kind: 'district', address: '徐汇区' });
    expect(placeAt(index, { lat: 0, lon: 0 })).toBeNull();
  });
});
