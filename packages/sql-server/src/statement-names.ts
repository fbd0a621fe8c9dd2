/**
 * All clients share PGlite's one session, so two clients naming a prepared
 * statement alike (JDBC names them S_1, S_2 … on every connection) would
 * collide: "prepared statement S_1 already exists". Each client's statement
 * and portal names are given its own prefix on the way in, so each sees only
 * its own; the unnamed ones ("") stay unnamed, as they only live within a
 * turn. A message too malformed to rename goes on as it is, and Postgres
 * answers it with its own error.
 */
export interface Renamed {
  readonly bytes: Buffer;
  /** A statement name this message creates (Parse) or closes (Close 'S'), renamed. */
  readonly prepared?: string;
  readonly closed?: string;
}

const P = 0x50;
const B = 0x42;
const D = 0x44;
const C = 0x43;
const E = 0x45;

export function renameStatements(bytes: Buffer, prefix: string): Renamed {
  const type = bytes[0]!;
  if (type !== P && type !== B && type !== D && type !== C && type !== E) return { bytes };
  const body = bytes.subarray(5);
  const name = (at: number): { value: string; end: number } | null => {
    const end = body.indexOf(0, at);
    return end < 0 ? null : { value: body.toString('utf8', at, end), end: end + 1 };
  };
  const renamed = (s: string) => (s === '' ? '' : `${prefix}${s}`);
  const rebuild = (parts: Buffer[]) => {
    const out = Buffer.concat([Buffer.alloc(5), ...parts]);
    out[0] = type;
    out.writeInt32BE(out.length - 1, 1);
    return out;
  };
  const cstr = (s: string) => Buffer.from(`${s}\0`, 'utf8');
  switch (type) {
    case P: {
      const stmt = name(0);
      if (!stmt) return { bytes };
      const newName = renamed(stmt.value);
      return { bytes: rebuild([cstr(newName), body.subarray(stmt.end)]), ...(newName ? { prepared: newName } : {}) };
    }
    case E: {
      const portal = name(0);
      if (!portal) return { bytes };
      return { bytes: rebuild([cstr(renamed(portal.value)), body.subarray(portal.end)]) };
    }
    case B: {
      const portal = name(0);
      const stmt = portal && name(portal.end);
      if (!portal || !stmt) return { bytes };
      return { bytes: rebuild([cstr(renamed(portal.value)), cstr(renamed(stmt.value)), body.subarray(stmt.end)]) };
    }
    default: {
      // Describe and Close: 'S' (statement) or 'P' (portal), then the name.
      const kind = body[0];
      const target = body.length > 0 ? name(1) : null;
      if (!target || (kind !== 0x53 && kind !== 0x50)) return { bytes };
      const newName = renamed(target.value);
      const out = rebuild([body.subarray(0, 1), cstr(newName), body.subarray(target.end)]);
      return { bytes: out, ...(type === C && kind === 0x53 && newName ? { closed: newName } : {}) };
    }
  }
}

/** Close (statement) messages for the names a client left prepared, then Sync: run when it disconnects. */
export function closeStatements(names: Iterable<string>): Buffer[] {
  const out: Buffer[] = [];
  for (const n of names) {
    const body = Buffer.from(`S${n}\0`, 'utf8');
    const head = Buffer.alloc(5);
    head[0] = C;
    head.writeInt32BE(body.length + 4, 1);
    out.push(Buffer.concat([head, body]));
  }
  return out;
}
