import type { z } from 'zod';
import type { Reason } from '../dispatch/reasons.js';
import { issueReason } from '../validation/issues.js';
import { CUSTOMER_TIERS, ORDER_TYPES, type CustomerTier, type OrderType } from '../domain/index.js';
import { createEngineer, createOrder, type MutationArgs } from '../sync/index.js';
import { epochAtLocal } from '../time/index.js';
import { fieldsOf, type ColumnMapping, type ImportKind } from './fields.js';
import type { TextTable } from './table.js';

/**
 * What is wrong with a field, as a code the console words in the dispatcher's language; `schema` is a rule of the
 * domain's own schema, given as a reason (`say`) besides its English message.
 */
export type IssueCode =
  | 'empty'
  | 'notNumber'
  | 'notWholeNumber'
  | 'notTier'
  | 'notOrderType'
  | 'notPriority'
  | 'notIdList'
  | 'notDateTime'
  | 'notTimeOfDay'
  | 'notCalendarDate'
  | 'windowHalf'
  | 'shiftHalf'
  | 'orderExists'
  | 'engineerExists'
  | 'skillTwice'
  | 'repeatsRow'
  | 'schema';

/** Why one field of one row cannot be imported: a code with its values, and the same in English words. */
export interface FieldIssue {
  field: string;
  code: IssueCode;
  params: Record<string, string>;
  message: string;
  /** A rule of the domain's schema as a reason (shared/validation/issues.ts), for the console to word. */
  say?: Reason;
}

/** A row that cannot be imported, numbered as in the file (the header is row 1). */
export interface RowError {
  row: number;
  /** The order code or engineer id as the row gives it ('' when it has none), so a report names what was skipped. */
  label: string;
  issues: FieldIssue[];
}

/** A row ready to commit: the mutation that creates it. */
export type ImportMutation =
  | { name: 'createOrder'; args: MutationArgs<'createOrder'> }
  | { name: 'createEngineer'; args: MutationArgs<'createEngineer'> };

export interface ValidRow {
  row: number;
  /** The order code or engineer name, for the preview and the report. */
  label: string;
  mutation: ImportMutation;
}

/** What an import would do: the rows that will be created, the rows that will not and why. Nothing is written. */
export interface ImportPreview {
  kind: ImportKind;
  /** Required fields no column is mapped to; while any is missing, no row is valid. */
  missing: string[];
  valid: ValidRow[];
  errors: RowError[];
}

/** What the console already has, so duplicates are reported before anything is sent. */
export interface ImportContext {
  timeZone: string;
  orderCodes?: ReadonlySet<string>;
  engineerIds?: ReadonlySet<string>;
}

class FieldError extends Error {
  constructor(
    readonly code: IssueCode,
    readonly params: Record<string, string>,
    message: string,
  ) {
    super(message);
  }
}

/** A short stable hash (FNV-1a, base 36) for ids derived from text that may not be a valid id itself. */
function hashOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

const ID_SAFE = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

function number(text: string): number {
  // A comma decimal separator comes from Excel in many European locales (with `;` as the CSV delimiter).
  const t = text.includes('.') ? text : text.replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) throw new FieldError('notNumber', { text }, `"${text}" is not a number`);
  return Number(t);
}

function integer(text: string): number {
  const n = number(text);
  if (!Number.isInteger(n)) throw new FieldError('notWholeNumber', { text }, `"${text}" is not a whole number`);
  return n;
}

const TIER_WORDS: Record<string, CustomerTier> = {
  铂金: 'platinum',
  白金: 'platinum',
  金: 'gold',
  金牌: 'gold',
  黄金: 'gold',
  银: 'silver',
  银牌: 'silver',
  白银: 'silver',
  铜: 'bronze',
  铜牌: 'bronze',
  青铜: 'bronze',
};

function tier(text: string): CustomerTier {
  const t = text.toLowerCase();
  const found = (CUSTOMER_TIERS as readonly string[]).includes(t) ? (t as CustomerTier) : TIER_WORDS[text];
  if (!found)
    throw new FieldError(
      'notTier',
      { text, options: CUSTOMER_TIERS.join(', ') },
      `"${text}" is not a tier (${CUSTOMER_TIERS.join(', ')})`,
    );
  return found;
}

const TYPE_WORDS: Record<string, OrderType> = {
  安装: 'install',
  维修: 'repair',
  修理: 'repair',
  保养: 'maintenance',
  维护: 'maintenance',
  巡检: 'inspection',
  检查: 'inspection',
  检测: 'inspection',
};

function orderType(text: string): OrderType {
  const t = text.toLowerCase();
  const found = (ORDER_TYPES as readonly string[]).includes(t) ? (t as OrderType) : TYPE_WORDS[text];
  if (!found)
    throw new FieldError(
      'notOrderType',
      { text, options: ORDER_TYPES.join(', ') },
      `"${text}" is not an order type (${ORDER_TYPES.join(', ')})`,
    );
  return found;
}

function priority(text: string): 'P1' | 'P2' | 'P3' | 'P4' {
  const m = /^p?([1-4])$/i.exec(text);
  if (!m) throw new FieldError('notPriority', { text }, `"${text}" is not a priority (P1 to P4)`);
  return `P${m[1]}` as 'P1' | 'P2' | 'P3' | 'P4';
}

/** "hvac:3; electrical 2" → [{id: 'hvac', n: 3}, …]; `fallback` when a number is left out. */
function idList(text: string, fallback: number): Array<{ id: string; n: number }> {
  const items = text
    .split(/[;,|，；、\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.map((item) => {
    const m = /^(\S+?)(?:\s*[:=×x*\s]\s*(\d+))?$/.exec(item);
    if (!m || !ID_SAFE.test(m[1]!))
      throw new FieldError('notIdList', { text: item }, `"${item}" is not written id:number (e.g. hvac:3)`);
    return { id: m[1]!, n: m[2] === undefined ? fallback : Number(m[2]) };
  });
}

/** Minutes as "90", "1:30" or "1h30". */
function minutes(text: string): number {
  const hm = /^(\d+)\s*(?::|h)\s*(\d{1,2})?\s*(?:m|min)?$/i.exec(text);
  if (hm) return Number(hm[1]) * 60 + Number(hm[2] ?? 0);
  return integer(text.replace(/\s*(?:min|m|分钟)$/i, ''));
}

/**
 * A date and time: ISO 8601 with Z or an offset is an instant; "YYYY-MM-DD HH:MM" (or with a T, or slashes) is the
 * control centre's wall clock.
 */
function dateTime(text: string, timeZone: string): number {
  if (/(?:Z|[+-]\d{2}:?\d{2})$/.test(text) && /^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const t = Date.parse(text);
    if (Number.isFinite(t)) return t;
  }
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2})?)?$/.exec(text);
  if (!m) throw new FieldError('notDateTime', { text }, `"${text}" is not a date and time (YYYY-MM-DD HH:MM)`);
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const [h, min] = [Number(m[4] ?? 0), Number(m[5] ?? 0)];
  if (h > 23 || min > 59) throw new FieldError('notTimeOfDay', { text }, `"${text}" is not a time of day`);
  try {
    return epochAtLocal(date, h * 60 + min, timeZone);
  } catch {
    throw new FieldError('notCalendarDate', { text }, `"${text}" is not a calendar date`);
  }
}

/** Reads one row's cells by field, collecting an issue per bad field instead of stopping at the first. */
class RowReader {
  readonly issues: FieldIssue[] = [];

  constructor(
    private readonly cells: readonly string[],
    private readonly mapping: ColumnMapping,
    private readonly headerOf: (field: string) => string,
  ) {}

  text(field: string): string {
    const index = this.mapping[field];
    return index === null || index === undefined ? '' : (this.cells[index] ?? '').trim();
  }

  /** The field's parsed value; undefined when it is empty (an issue if required) or bad (an issue). */
  read<T>(field: string, parse: (text: string) => T, required: boolean): T | undefined {
    const text = this.text(field);
    if (text === '') {
      if (required) this.fail(field, 'empty', {}, 'is empty');
      return undefined;
    }
    try {
      return parse(text);
    } catch (err) {
      if (err instanceof FieldError) this.fail(field, err.code, err.params, err.message);
      else throw err;
      return undefined;
    }
  }

  fail(field: string, code: IssueCode, params: Record<string, string>, message: string): void {
    this.issues.push({ field: this.headerOf(field), code, params, message });
  }

  /** The column heading a field was read from, as the file names it. */
  headerName(field: string): string {
    return this.headerOf(field);
  }
}

/** Turns a schema's issues into field issues, naming the import column each path came from. */
function schemaIssues(error: z.ZodError, columnOf: (path: PropertyKey[]) => string): FieldIssue[] {
  return error.issues.map((i) => {
    const say = issueReason(i);
    return {
      field: columnOf(i.path),
      code: 'schema',
      params: {},
      message: i.message,
      ...(typeof say === 'string' ? {} : { say }),
    };
  });
}

const ORDER_PATHS: Record<string, string> = {
  code: 'code',
  'customer.name': 'customer',
  'customer.id': 'customerId',
  'customer.tier': 'tier',
  'customer.phone': 'phone',
  'site.address': 'address',
  'site.lat': 'lat',
  'site.lon': 'lon',
  type: 'type',
  priority: 'priority',
  summary: 'summary',
  requiredSkills: 'skills',
  requiredParts: 'parts',
  durationMin: 'duration',
  window: 'windowStart',
};

const ENGINEER_PATHS: Record<string, string> = {
  id: 'id',
  name: 'name',
  team: 'team',
  phone: 'phone',
  skills: 'skills',
  'homeBase.lat': 'lat',
  'homeBase.lon': 'lon',
  shifts: 'shiftStart',
  vanStock: 'vanStock',
  maxJobs: 'maxJobs',
};

function fieldForPath(paths: Record<string, string>, path: PropertyKey[]): string | undefined {
  // The mutation's args wrap the record (`order.customer.phone`); match the longest known prefix below that.
  const parts = path.slice(1).map(String);
  for (let n = parts.length; n > 0; n -= 1) {
    const hit = paths[parts.slice(0, n).join('.')];
    if (hit) return hit;
  }
  return undefined;
}

function orderRow(r: RowReader, ctx: ImportContext): { label: string; mutation: ImportMutation } | null {
  const code = r.read('code', (t) => t, true);
  const customerName = r.read('customer', (t) => t, true);
  const customerId = r.read('customerId', (t) => t, false);
  const customerTier = r.read('tier', tier, true);
  const phone = r.read('phone', (t) => t, true);
  const address = r.read('address', (t) => t, true);
  const lat = r.read('lat', number, true);
  const lon = r.read('lon', number, true);
  const type = r.read('type', orderType, true);
  const prio = r.read('priority', priority, true);
  const summary = r.read('summary', (t) => t, false) ?? '';
  const skills = r.read('skills', (t) => idList(t, 1), false) ?? [];
  const parts = r.read('parts', (t) => idList(t, 1), false) ?? [];
  const durationMin = r.read('duration', minutes, true);
  const from = r.read('windowStart', (t) => dateTime(t, ctx.timeZone), false);
  const to = r.read('windowEnd', (t) => dateTime(t, ctx.timeZone), false);
  if ((r.text('windowStart') === '') !== (r.text('windowEnd') === ''))
    r.fail(
      from === undefined ? 'windowStart' : 'windowEnd',
      'windowHalf',
      {},
      'an appointment window needs both a start and an end',
    );
  if (code !== undefined && ctx.orderCodes?.has(code))
    r.fail('code', 'orderExists', { code }, `order ${code} already exists`);
  // With every required value read, the schema still runs so the row's report lists all its problems at once.
  if (
    code === undefined ||
    customerName === undefined ||
    customerTier === undefined ||
    phone === undefined ||
    address === undefined ||
    lat === undefined ||
    lon === undefined ||
    type === undefined ||
    prio === undefined ||
    durationMin === undefined
  )
    return null;
  const args = {
    order: {
      // Ids follow from the code, so importing the same file twice is refused as a duplicate, not doubled.
      id: ID_SAFE.test(code) && code.length <= 60 ? `ord-${code}` : `ord-${hashOf(code)}`,
      code,
      customer: {
        id: customerId ?? `cust-${hashOf(`${customerName}\n${phone}`)}`,
        name: customerName,
        tier: customerTier,
        phone,
      },
      site: { address, lat, lon },
      type,
      priority: prio,
      summary,
      requiredSkills: skills.map((s) => ({ skill: s.id, level: s.n })),
      requiredParts: parts.map((p) => ({ part: p.id, qty: p.n })),
      durationMin,
      window: from !== undefined && to !== undefined ? { start: from, end: to } : null,
    },
  };
  const parsed = createOrder.args.safeParse(args);
  if (!parsed.success) r.issues.push(...schemaIssues(parsed.error, (p) => headerFor(r, ORDER_PATHS, p)));
  if (r.issues.length > 0) return null;
  return { label: code, mutation: { name: 'createOrder', args } };
}

function engineerRow(r: RowReader, ctx: ImportContext): { label: string; mutation: ImportMutation } | null {
  const id = r.read('id', (t) => t, true);
  const name = r.read('name', (t) => t, true);
  const team = r.read('team', (t) => t, true);
  const phone = r.read('phone', (t) => t, false);
  const skills = r.read('skills', (t) => idList(t, 1), false) ?? [];
  const lat = r.read('lat', number, true);
  const lon = r.read('lon', number, true);
  const start = r.read('shiftStart', (t) => dateTime(t, ctx.timeZone), false);
  const end = r.read('shiftEnd', (t) => dateTime(t, ctx.timeZone), false);
  const stock = r.read('vanStock', (t) => idList(t, 1), false) ?? [];
  const maxJobs = r.read('maxJobs', integer, false);
  if ((r.text('shiftStart') === '') !== (r.text('shiftEnd') === ''))
    r.fail(start === undefined ? 'shiftStart' : 'shiftEnd', 'shiftHalf', {}, 'a shift needs both a start and an end');
  if (id !== undefined && ctx.engineerIds?.has(id))
    r.fail('id', 'engineerExists', { id }, `engineer ${id} already exists`);
  if (id === undefined || name === undefined || team === undefined || lat === undefined || lon === undefined)
    return null;
  const args = {
    engineer: {
      id,
      name,
      team,
      ...(phone !== undefined ? { phone } : {}),
      skills: skills.map((s) => ({ skill: s.id, level: s.n })),
      homeBase: { lat, lon },
      shifts: start !== undefined && end !== undefined ? [{ start, end, breaks: [] }] : [],
      vanStock: Object.fromEntries(stock.map((s) => [s.id, s.n])),
      maxJobs: maxJobs ?? null,
    },
  };
  const parsed = createEngineer.args.safeParse(args);
  if (!parsed.success) r.issues.push(...schemaIssues(parsed.error, (p) => headerFor(r, ENGINEER_PATHS, p)));
  if (new Set(args.engineer.skills.map((s) => s.skill)).size !== args.engineer.skills.length)
    r.fail('skills', 'skillTwice', {}, 'each skill may be listed once');
  if (r.issues.length > 0) return null;
  return { label: name, mutation: { name: 'createEngineer', args } };
}

function headerFor(r: RowReader, paths: Record<string, string>, path: PropertyKey[]): string {
  const field = fieldForPath(paths, path);
  return field ? r.headerName(field) : path.slice(1).map(String).join('.');
}

/**
 * Checks every row of a table read from a file against the mapping and the create mutation's own schema. Row n of the
 * table is row n + 1 of the file; empty rows are passed over. Duplicates of what the console has, and of earlier rows
 * of the same file, are errors. Nothing is written: the dispatcher confirms, then the valid rows are committed.
 */
export function previewImport(
  kind: ImportKind,
  table: TextTable,
  mapping: ColumnMapping,
  ctx: ImportContext,
): ImportPreview {
  const headers = table[0] ?? [];
  const fields = fieldsOf(kind);
  const missing = fields.filter((f) => f.required && (mapping[f.key] ?? null) === null).map((f) => f.key);
  const preview: ImportPreview = { kind, missing, valid: [], errors: [] };
  if (missing.length > 0) return preview;
  const headerOf = (field: string) => {
    const index = mapping[field];
    const header = index === null || index === undefined ? '' : (headers[index] ?? '').trim();
    return header || field;
  };
  const seen = new Map<string, number>();
  const uniqueKey = kind === 'orders' ? 'code' : 'id';
  for (let i = 1; i < table.length; i += 1) {
    const cells = table[i]!;
    if (cells.every((c) => c.trim() === '')) continue;
    const row = i + 1;
    const reader = new RowReader(cells, mapping, headerOf);
    const key = reader.text(uniqueKey);
    const earlier = key === '' ? undefined : seen.get(key);
    const made = kind === 'orders' ? orderRow(reader, ctx) : engineerRow(reader, ctx);
    if (earlier !== undefined)
      reader.fail(uniqueKey, 'repeatsRow', { key, row: String(earlier) }, `${key} is already in row ${earlier}`);
    else if (key !== '') seen.set(key, row);
    if (made && reader.issues.length === 0) preview.valid.push({ row, ...made });
    else preview.errors.push({ row, label: key, issues: reader.issues });
  }
  return preview;
}
