import { z } from 'zod';
import { EpochMs, Id, text } from './primitives.js';

/** Longest signature path kept: a few strokes of a finger on a phone are a few kilobytes. */
export const MAX_SIGNATURE_CHARS = 20_000;

/**
 * An SVG path's data as the signing pad draws it: move, line, curve and close commands with plain numbers only
 * (M, L, H, V, C, S, Q, T, Z in either case), starting with a move. Nothing else can reach a console's SVG.
 */
const PATH_SYNTAX = /^\s*[Mm]\s*-?\d+(\.\d+)?(?:[\s,]*(?:[MmLlHhVvCcSsQqTtZz]|-?\d+(?:\.\d+)?))*\s*$/;

export const SignaturePath = z
  .string()
  .max(MAX_SIGNATURE_CHARS, { message: `a signature is at most ${MAX_SIGNATURE_CHARS} characters of path data` })
  .refine((d) => PATH_SYNTAX.test(d), {
    message: 'a signature is SVG path data: M, L, H, V, C, S, Q, T and Z commands with numbers, starting with M',
    params: { say: 'signatureFormat' },
  });
export type SignaturePath = z.infer<typeof SignaturePath>;

/** A part the engineer fitted, taken from their van. */
export const PartUsed = z.object({ part: Id, qty: z.number().int().min(1).max(1000) });
export type PartUsed = z.infer<typeof PartUsed>;

/**
 * The service report the engineer's device submits at completion and the customer signs (DESIGN §3): what was done,
 * the parts used (taken off the van's stock), the time on site, the customer's signature and name. `signature` is null
 * when the customer did not sign; consoles, the daily sheet and the PDF say so.
 */
export const ServiceReport = z.object({
  workDone: text(2_000),
  partsUsed: z.array(PartUsed).max(50),
  timeOnSiteMin: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  signature: SignaturePath.nullable(),
  /** Who signed (or, without a signature, who received the work). */
  signedBy: text(120),
  submittedAt: EpochMs,
});
export type ServiceReport = z.infer<typeof ServiceReport>;

/** Path data's bounding box, for drawing a signature scaled into its frame; null when it holds no point. */
export function signatureBox(d: string): { x: number; y: number; width: number; height: number } | null {
  // Absolute coordinates only are boxed; relative steps are drawn as given (the pad writes absolute ones).
  const numbers = (d.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  if (numbers.length < 2) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < numbers.length; i += 2) {
    const x = numbers[i]!;
    const y = numbers[i + 1]!;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return { x: minX, y: minY, width: Math.max(1, maxX - minX), height: Math.max(1, maxY - minY) };
}
