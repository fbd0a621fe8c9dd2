// Types of scripts/load-entry.mjs, for the TypeScript that imports it (tests).
export function staleReason(name: string, dist?: URL, root?: string): string | null;
export function loadEntry<T = Record<string, unknown>>(name: string, sourceUrl: URL, onStale?: (reason: string) => void): Promise<T>;
