import { describe, expect, it } from 'vitest';
import { BackendTracker } from './backend-messages.ts';
import { FrameReader, ProtocolViolation, SESSION_MESSAGE_TYPES } from './frontend-frames.ts';

const msg = (type: string, body: Buffer | string) => {
  const b = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(b.length + 4, 1);
  return Buffer.concat([head, b]);
};

describe('FrameReader', () => {
  it('yields the same messages however the bytes are cut', () => {
    const stream = Buffer.concat([msg('P', 'S_1\0SELECT 1\0\0\0'), msg('B', '\0S_1\0\0\0\0\0\0\0'), msg('E', '\0\0\0\0\0'), msg('S', ''), msg('Q', 'SELECT 2\0')]);
    for (let cut = 1; cut < stream.length; cut++) {
      const r = new FrameReader();
      const got: string[] = [];
      for (const part of [stream.subarray(0, cut), stream.subarray(cut)]) {
        r.push(part);
        for (let m = r.nextMessage(SESSION_MESSAGE_TYPES); m; m = r.nextMessage(SESSION_MESSAGE_TYPES)) got.push(String.fromCharCode(m.type));
      }
      expect(got.join('')).toBe('PBESQ');
    }
  });

  it.each([
    ['an unknown type', msg('z', '')],
    ['a length under 4', Buffer.from([0x53, 0, 0, 0, 3])],
    ['a negative length', Buffer.from([0x51, 0xff, 0xff, 0xff, 0xff])],
    ['a Query with two strings', msg('Q', 'SELECT 1\0x\0')],
  ])('refuses %s as soon as its header is read', (_name, bytes) => {
    const r = new FrameReader();
    r.push(bytes);
    expect(() => r.nextMessage(SESSION_MESSAGE_TYPES)).toThrow(ProtocolViolation);
  });

  it('holds a password message to 64 KiB', () => {
    const r = new FrameReader();
    r.push(Buffer.from([0x70, 0, 1, 0, 4]));
    expect(() => r.nextMessage(new Set([0x70]), 65_535)).toThrow(/invalid message length/);
  });

  it('reads a startup packet and requires a user', () => {
    const body = Buffer.from('user\0me\0database\0db\0\0');
    const head = Buffer.alloc(8);
    head.writeInt32BE(8 + body.length, 0);
    head.writeInt32BE(196608, 4);
    const r = new FrameReader();
    r.push(Buffer.concat([head, body]));
    expect(r.nextStartup()).toEqual({ kind: 'startup', minorVersion: 0, params: new Map([['user', 'me'], ['database', 'db']]) });
    const noUser = Buffer.from([0, 0, 0, 9, 0, 3, 0, 0, 0]);
    const r2 = new FrameReader();
    r2.push(noUser);
    expect(() => r2.nextStartup()).toThrow(/no PostgreSQL user name/);
  });
});

describe('BackendTracker', () => {
  it('finds the transaction status of the last ReadyForQuery however the stream is cut', () => {
    // A DataRow whose bytes look like ReadyForQuery 'I' must not be taken for one.
    const stream = Buffer.concat([msg('C', 'BEGIN\0'), msg('D', Buffer.from([0, 1, 0, 0, 0, 6, 0x5a, 0, 0, 0, 5, 0x49])), msg('Z', 'T')]);
    for (let cut = 0; cut <= stream.length; cut++) {
      const t = new BackendTracker();
      t.feed(stream.subarray(0, cut));
      t.feed(stream.subarray(cut));
      expect([t.status, t.readyCount]).toEqual(['T', 1]);
    }
  });

  it('knows a COPY FROM STDIN is waiting for data until it completes', () => {
    const t = new BackendTracker();
    t.feed(msg('G', Buffer.from([0, 0, 0])));
    expect(t.copyIn).toBe(true);
    t.feed(Buffer.concat([msg('C', 'COPY 1\0'), msg('Z', 'I')]));
    expect([t.copyIn, t.status]).toEqual([false, 'I']);
  });
});
