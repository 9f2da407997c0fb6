/** Types of scripts/build.mjs for the tests that build before they run. */
export type BuildTarget = 'electron' | 'webhost' | 'renderer';
export function isStale(name: BuildTarget): boolean;
export function buildElectron(): Promise<void>;
export function buildWebHost(): Promise<void>;
export function buildRenderer(): Promise<void>;
export function ensureBuilt(names: BuildTarget[], log?: (message: string) => void): Promise<BuildTarget[]>;
