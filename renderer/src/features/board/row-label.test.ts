import { describe, expect, it } from 'vitest';
import { rowLabelText } from './paint.js';

/** Every character 8 px wide: 128 px before the utilisation bar hold 16. */
const ctx = { measureText: (text: string) => ({ width: text.length * 8 }) as TextMetrics };

describe("an engineer's name on their board row", () => {
  it('is drawn whole when it fits before the utilisation bar', () => {
    expect(rowLabelText(ctx, 'Li Wei (#0051)')).toBe('Li Wei (#0051)');
  });

  it('is cut with an ellipsis to end before the bar when it is longer', () => {
    const drawn = rowLabelText(ctx, 'Alexandra Konstantinopoulos-Smith');
    expect(drawn).toBe('Alexandra Konst…');
    expect(drawn.length * 8).toBeLessThanOrEqual(210 - 46 - 26 - 6);
  });

  it('keeps the short id that tells a namesake apart, cutting the name before it', () => {
    const name = 'Alexandra Konstantinopoulos';
    const drawn = rowLabelText(ctx, `${name} (#0051)`, name);
    expect(drawn).toBe('Alexand… (#0051)');
    expect(drawn.length * 8).toBeLessThanOrEqual(210 - 46 - 26 - 6);
    expect(rowLabelText(ctx, `${name}（#0051）`, name)).toBe('Alexandr…（#0051）');
    expect(rowLabelText(ctx, 'Li Wei (#0051)', 'Li Wei')).toBe('Li Wei (#0051)');
    // A name cut after a word: "Ouyang…", not "Ouyang …".
    expect(rowLabelText(ctx, 'Ouyang Zhiyuan (#0001)', 'Ouyang Zhiyuan')).toBe('Ouyang… (#0001)');
  });
});
