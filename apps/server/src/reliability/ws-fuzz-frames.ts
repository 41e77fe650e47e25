// The websocket fuzzer's garbage below the document level: message envelopes with bytes that are not
// what they claim (huge varints, truncated messages), raw websocket frames after a valid handshake, and
// broken handshakes; and hostile awareness messages. What the server must do about each is said with the case (ws-fuzz-cases.ts).
import { awarenessUpdate, bytes, MSG, varUint, wsFrame, type Rng } from './harness.js';
import type { FuzzWorld, RawCase, WsCase } from './ws-fuzz-cases.js';

/** The close codes a case may expect. */
export const MALFORMED = [4400] as const;
export const REFUSED = [4409] as const;
export const MISSING = [4412] as const;
export const TOO_LARGE = [4413] as const;
export const RATE = [4429] as const;

// ---------------------------------------------------------------------------------------------
// Protocol-level garbage

export const PREFIXES: number[][] = [[0, 0], [0, 1], [0, 2], [1], [3], [2], [0], [1, 1]];

export function wrapUpdate(rng: Rng, update: Uint8Array): Uint8Array {
  return rng.int(10) < 7 ? MSG.update(update) : MSG.syncStep2(update);
}

export function hugeVarintFrame(rng: Rng, sample: Uint8Array): Uint8Array {
  const huge = () => varUint(rng.pick([2 ** 31, 2 ** 32 + 5, 2 ** 40, 2 ** 53 - 1, 2 ** 53, 2 ** 60]));
  switch (rng.int(10)) {
    case 0:
      return bytes(new Array(rng.range(9, 40)).fill(0xff)); // a message type that never ends
    case 1:
      return bytes(huge(), 0); // an enormous message type
    case 2:
      return bytes(0, huge(), 0); // an enormous sync step
    case 3:
      return bytes(0, 2, huge(), sample.subarray(0, 32)); // a payload length far beyond the frame
    case 4:
      return MSG.update(bytes(huge(), 1, 1, 0)); // billions of client groups
    case 5:
      return MSG.update(bytes(1, huge(), varUint(rng.range(1, 2 ** 31)), 0, 8)); // billions of structs
    case 6:
      return MSG.update(bytes(1, 1, varUint(rng.range(1, 2 ** 31)), 0, 0x28, 1, varUint(2 ** 40), 0x65)); // a key length beyond the update
    case 7:
      return MSG.update(bytes(0, huge(), 1, huge())); // a delete set of billions of clients and ranges
    case 8:
      return MSG.awareness(bytes(huge(), 1, 1)); // billions of awareness states
    default:
      return MSG.syncStep1(bytes(huge(), 1, 1)); // a state vector of billions of clients
  }
}

export function truncated(rng: Rng, message: Uint8Array): Uint8Array {
  const cut = rng.range(1, Math.max(1, message.length - 1));
  if (rng.bool()) return message.subarray(0, cut);
  // Keep the envelope consistent and truncate the update inside it.
  const inner = message.subarray(3);
  return MSG.update(inner.subarray(0, rng.int(Math.max(1, inner.length - 1))));
}

// ---------------------------------------------------------------------------------------------
// Raw frames (after a valid handshake) and broken handshakes

export function rawCase(rng: Rng, hostileMessage: () => Uint8Array, docName: string): RawCase {
  const small = () => rng.bytes(rng.range(0, 40));
  const c = (category: string, frames: Uint8Array[], codes: readonly number[], expect: RawCase['expect'] = 'close'): RawCase => ({ transport: 'raw', category, frames, codes, expect });
  switch (rng.int(16)) {
    case 0:
      return c('raw-reserved-opcode', [wsFrame({ opcode: rng.pick([3, 4, 5, 6, 7, 11, 12, 13, 14, 15]), payload: small() })], [1002]);
    case 1:
      return c('raw-rsv-bits', [wsFrame({ opcode: rng.pick([1, 2, 9]), rsv: rng.range(1, 7), payload: small() })], [1002]);
    case 2:
      return c('raw-unmasked', [wsFrame({ opcode: 2, mask: false, payload: MSG.queryAwareness() })], [1002]);
    case 3:
      return c('raw-oversize-length', [wsFrame({ opcode: 2, declaredLength: rng.pick([1024 * 1024 + 1, 2 ** 31, 2 ** 40, 2 ** 53 - 1]), lengthForm: 64, payload: small() })], [1009]);
    case 4: {
      // A 64-bit length with its most significant bit set (RFC 6455 forbids it).
      const frame = wsFrame({ opcode: 2, declaredLength: 0, lengthForm: 64, payload: new Uint8Array(0) });
      frame[2] = 0x80 | rng.int(128);
      return c('raw-length-msb-set', [frame], [1002, 1009]);
    }
    case 5:
      return c('raw-control-too-long', [wsFrame({ opcode: rng.pick([8, 9, 10]), payload: rng.bytes(rng.range(126, 300)) })], [1002]);
    case 6:
      return c('raw-fragmented-control', [wsFrame({ opcode: rng.pick([9, 10]), fin: false, payload: small() })], [1002]);
    case 7:
      return c('raw-orphan-continuation', [wsFrame({ opcode: 0, payload: small() })], [1002]);
    case 8:
      return c('raw-interleaved-data', [wsFrame({ opcode: 2, fin: false, payload: bytes(0, 2) }), wsFrame({ opcode: rng.pick([1, 2]), payload: small() })], [1002]);
    case 9: {
      const bad = rng.pick([bytes(0xc3, 0x28), bytes(0xed, 0xa0, 0x80), bytes(0xff), bytes(0xf8, 0x88, 0x80, 0x80, 0x80), bytes(0xe2, 0x82)]);
      return c('raw-invalid-utf8-text', [wsFrame({ opcode: 1, payload: bytes(0x61, bad) })], [1007]);
    }
    case 10: {
      const variant = rng.int(3);
      const payload =
        variant === 0
          ? bytes(rng.pick([[0x03, 0xe7], [0x03, 0xed], [0x03, 0xee], [0x07, 0xd0], [0x00, 0x00], [0x13, 0x88]])) // 999, 1005, 1006, 2000, 0, 5000
          : variant === 1
            ? bytes(0x03)
            : bytes(0x03, 0xe8, 0xc3, 0x28); // 1000 with an invalid UTF-8 reason
      return c('raw-bad-close-frame', [wsFrame({ opcode: 8, payload })], variant === 2 ? [1007] : [1002]);
    }
    case 11: {
      // Fragments that are each small but together exceed the 1 MiB message cap.
      const chunk = new Uint8Array(300 * 1024);
      return c('raw-fragments-over-cap', [wsFrame({ opcode: 2, fin: false, payload: chunk }), wsFrame({ opcode: 0, fin: false, payload: chunk }), wsFrame({ opcode: 0, fin: false, payload: chunk }), wsFrame({ opcode: 0, fin: false, payload: chunk })], [1009]);
    }
    case 12: {
      // A hostile update, correctly fragmented: reassembled, then refused like any other.
      const message = hostileMessage();
      const frames: Uint8Array[] = [];
      let at = 0;
      while (at < message.length) {
        const size = rng.range(1, Math.max(1, Math.floor(message.length / 3)));
        const part = message.subarray(at, at + size);
        frames.push(wsFrame({ opcode: at === 0 ? 2 : 0, fin: at + size >= message.length, payload: part }));
        at += size;
      }
      return c('raw-fragmented-hostile-update', frames, [4400, 4409, 4412, 4413, 4426]);
    }
    case 13:
      // A header promising more than ever comes: the server waits; we hang up.
      return c('raw-truncated-frame', [wsFrame({ opcode: 2, declaredLength: rng.range(10, 5000), payload: small() }).subarray(0, rng.range(1, 12))], [1002, 1009], 'either');
    case 14: {
      const variant = rng.int(7);
      const handshake: Record<string, string | null> =
        variant === 0 ? { 'Sec-WebSocket-Key': null } : variant === 1 ? { 'Sec-WebSocket-Version': rng.pick(['7', '12', '99', 'x']) } : variant === 2 ? { 'Sec-WebSocket-Key': 'short' } : variant === 3 ? { Origin: null } : variant === 4 ? { Cookie: null, Authorization: 'Bearer forged' } : variant === 5 ? { Upgrade: 'h2c' } : { Cookie: 'mac_session=' + 'A'.repeat(43) };
      return { transport: 'raw', category: 'raw-bad-handshake', frames: [], expect: 'refused', handshake };
    }
    default: {
      const path = rng.pick([
        `/sync/${docName}%`,
        `/sync/%E0%A4%A`,
        `/sync/${docName}%ZZ`,
        `/sync/${docName}/../../etc/passwd`,
        `/sync/${docName.toUpperCase()}`,
        `/sync/${docName}/restricted/`,
        `/sync/${docName}/restricted/Thames-Valley-Police`,
        `/sync/${'a'.repeat(2000)}`,
        `/sync/`,
        `/sync/%00`,
        `http://%zz/sync/${docName}`,
        `http://[::1/sync/${docName}`,
      ]);
      return { transport: 'raw', category: 'raw-bad-path', frames: [], expect: 'refused', path };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Awareness

export function awarenessCase(rng: Rng, world: FuzzWorld): WsCase {
  const fresh = () => rng.range(1, 2 ** 31);
  switch (rng.int(8)) {
    case 0: {
      const n = rng.range(2, rng.bool(0.9) ? 50 : 3000);
      const states = Array.from({ length: n }, () => ({ clientId: fresh(), clock: rng.range(0, 10), state: { cursor: rng.int(1000) } }));
      return { transport: 'ws', category: 'aw-many-states', frames: [MSG.awareness(awarenessUpdate(states))], expect: 'close', codes: REFUSED };
    }
    case 1:
      return {
        transport: 'ws',
        category: 'aw-second-client-id',
        frames: [MSG.awareness(awarenessUpdate([{ clientId: fresh(), clock: 1, state: {} }])), MSG.awareness(awarenessUpdate([{ clientId: fresh(), clock: 1, state: {} }]))],
        expect: 'close',
        codes: REFUSED,
      };
    case 2: {
      const size = rng.bool(0.8) ? rng.range(8 * 1024 + 1, 64 * 1024) : rng.range(64 * 1024, 1000 * 1024);
      return {
        transport: 'ws',
        category: 'aw-huge-state',
        frames: [MSG.awareness(awarenessUpdate([{ clientId: fresh(), clock: 1, state: { blob: 'x'.repeat(size) } }]))],
        expect: 'close',
        codes: TOO_LARGE,
      };
    }
    case 3: {
      const bad = rng.pick(['{', '{"a":', 'nul', '42', '[1,2]', '"text"', 'true', '{"a":1}}', '\u0000', '{"a":"\ud800"}x']);
      const variant = rng.int(3);
      const update =
        variant === 0
          ? awarenessUpdate([{ clientId: fresh(), clock: 1, state: bad }])
          : variant === 1
            ? bytes(awarenessUpdate([{ clientId: fresh(), clock: 1, state: {} }]), 7) // trailing byte
            : awarenessUpdate([{ clientId: fresh(), clock: 1, state: {} }]).subarray(0, rng.range(1, 4)); // truncated
      return { transport: 'ws', category: 'aw-malformed', frames: [MSG.awareness(update)], expect: 'close', codes: MALFORMED };
    }
    case 4:
      // Speaking for the hv observer: ignored (an echo, as far as the server can tell), never applied.
      return {
        transport: 'ws',
        category: 'aw-impersonate',
        frames: [MSG.awareness(awarenessUpdate([{ clientId: world.observerAwarenessId(), clock: 2 ** 30, state: { user: { id: 'forged', name: 'The Chief Constable', agency: 'oxfordshire-csc' } } }]))],
        expect: 'open',
      };
    case 5:
      return {
        transport: 'ws',
        category: 'aw-remove-someone-else',
        frames: [MSG.awareness(awarenessUpdate([{ clientId: world.observerAwarenessId(), clock: 2 ** 30, state: null }]))],
        expect: 'open',
      };
    case 6:
      return {
        transport: 'ws',
        category: 'aw-huge-clock',
        frames: [MSG.awareness(awarenessUpdate([{ clientId: fresh(), clock: rng.pick([2 ** 32, 2 ** 53 - 1, 2 ** 53 + 2]), state: { viewing: 'x' } }]))],
        expect: 'either',
        codes: [4400],
      };
    default:
      // The stamped user cannot be overridden, only ignored: stays open.
      return {
        transport: 'ws',
        category: 'aw-forged-user',
        frames: [MSG.awareness(awarenessUpdate([{ clientId: fresh(), clock: 1, state: { user: { id: world.observerAwarenessId(), name: 'Someone else', agency: 'oxfordshire-csc' } } }]))],
        expect: 'open',
      };
  }
}

