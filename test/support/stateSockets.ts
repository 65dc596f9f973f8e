/**
 * A StateSockets fixture for cause tests: ten listed sockets with nothing known, and the fields a test gives
 * (timers and Send-Q merged into the defaults).
 */
import type { StateSockets } from '../../src/core/evidence/connections';

export type SocketsFixture = Partial<Omit<StateSockets, 'timers' | 'sendQ'>> & { timers?: Partial<StateSockets['timers']>; sendQ?: Partial<StateSockets['sendQ']> };

export function sockets(p: SocketsFixture = {}): StateSockets {
  return {
    listed: 10,
    peers: [],
    prefixes: [],
    localPorts: [],
    retransMax: null,
    probesMax: null,
    backoffMax: null,
    processes: [],
    inode: { rows: 0, zero: 0 },
    ...p,
    timers: { on: 0, persist: 0, keepalive: 0, timewait: 0, none: 0, ...p.timers },
    sendQ: { rows: 10, nonZero: 0, max: 0, ...p.sendQ },
  };
}
