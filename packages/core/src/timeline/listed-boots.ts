import type { Boot } from '../model/report.js';
import type { ListedBoot } from '../parse/reader.js';
import { isoFromMicros, microsFromIso } from '../time.js';

/**
 * The boots `journalctl --list-boots` listings name, by boot id (issue 14). A listing names each
 * boot once, but pastes repeat rows (systemd#2884 lists one id three times): a boot id is kept once,
 * with the earliest first time and the latest last time any row gave it.
 */
export class BootListing {
  private readonly byId = new Map<string, ListedBoot>();

  add(row: ListedBoot): void {
    const known = this.byId.get(row.bootId);
    if (!known) {
      this.byId.set(row.bootId, { ...row });
      return;
    }
    known.firstRealtimeUs = earliest(known.firstRealtimeUs, row.firstRealtimeUs);
    known.lastRealtimeUs = latest(known.lastRealtimeUs, row.lastRealtimeUs);
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * The boots with the listed ones merged in: a listed boot the journal also has entries of gains
   * its listed last time, and its listed first time where that is earlier (an excerpt may start
   * after the boot did); the others become boots of their own, without entries. Boots are then ordered by
   * their first wall-clock time, as the builder orders them, and numbered again.
   */
  merge(boots: Boot[]): Boot[] {
    if (this.byId.size === 0) return boots;
    const out = [...boots];
    for (const row of this.byId.values()) {
      const listed = { offset: row.offset, source: { ...row.source } };
      const boot = out.find((b) => b.bootId === row.bootId);
      if (boot) {
        // The listing prints whole seconds: it moves the first time only when it is a second or more earlier.
        const known = boot.firstRealtime === null ? null : microsFromIso(boot.firstRealtime);
        if (row.firstRealtimeUs !== null && (known === null || row.firstRealtimeUs < known - (known % 1_000_000))) {
          boot.firstRealtime = isoFromMicros(row.firstRealtimeUs);
        }
        if (row.lastRealtimeUs !== null) boot.lastRealtime = isoFromMicros(row.lastRealtimeUs);
        boot.listed = listed;
        continue;
      }
      out.push({
        index: 0,
        bootId: row.bootId,
        hostname: null,
        timeBasis: row.firstRealtimeUs === null ? 'input-order' : 'realtime',
        firstRealtime: row.firstRealtimeUs === null ? null : isoFromMicros(row.firstRealtimeUs),
        lastRealtime: row.lastRealtimeUs === null ? null : isoFromMicros(row.lastRealtimeUs),
        listed,
        entries: 0,
        events: [],
        findings: [],
        addresses: [],
        interfaces: [],
      });
    }
    const order = out.map((b, i) => ({ b, i, t: b.firstRealtime === null ? null : microsFromIso(b.firstRealtime) }));
    order.sort((x, y) => (x.t !== null && y.t !== null ? x.t - y.t : 0) || x.i - y.i);
    return order.map(({ b }, index) => Object.assign(b, { index }));
  }
}

function earliest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function latest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
