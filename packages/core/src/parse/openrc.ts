import { componentChrome, componentEntry, LocalClock } from './component.js';
import type { LineReaderFactory, ReadSink } from './reader.js';
import { MONTHS } from './wallclock.js';

// OpenRC's rc_logger writes `/var/log/rc.log` (rc-logger.c, write_time: `"\nrc %s logging %s at %s\n"`
// with asctime(localtime)): `rc boot logging started at Sun Mar  5 10:11:12 2023`, then what the
// services printed (einfo ` * Starting sshd ... [ ok ]`, eerror ` * ERROR: k0scontroller failed to start`,
// Debian's LSB `Configuring network interfaces...done.`), then `rc boot logging stopped at …`.
// openrc prints its banner at sysinit: `   OpenRC 0.63.3 is starting up Linux 7.0.7+deb14-amd64 (x86_64)`.
const LOGGING = /^rc (\S+) logging (started|stopped) at (?:[A-Z][a-z]{2}) ([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d) (\d{4})$/;
const BANNER = /^OpenRC \S+ is starting up /;
const EINFO = /^\* +(?=\S)/;
// A daemon's own line as the service printed it: `dhcpcd[1936]: eth0: leased 192.168.0.11 for 604800 seconds`.
const DAEMON = /^([\w.@-]+)\[(\d{1,10})\]: /;

/**
 * True for a line OpenRC printed: its banner, an `rc … logging …` line, or an einfo ` * ` line
 * (leading blanks removed). `claimedElsewhere` keeps a ` * ` bullet in front of another format's
 * line (minikube's `* E0510 22:32:52.425127 …`) for that format.
 */
export function sniffOpenrc(line: string, claimedElsewhere: (text: string) => boolean): boolean {
  if (line.startsWith('rc ')) return LOGGING.test(line);
  if (line.startsWith('OpenRC ')) return BANNER.test(line);
  const bullet = EINFO.exec(line);
  return bullet !== null && !claimedElsewhere(line.slice(bullet[0].length));
}

/** Where a boot's lines start: the banner, then sysinit, then boot (each may be missing). */
const STAGES: Readonly<Record<string, number>> = { sysinit: 2, boot: 3 };

/**
 * OpenRC's rc.log (and `rc-service` output). Entries are in input order, with the time of the last
 * `rc … logging started at` line where there is one (read in `--tz` or this machine's zone). A new
 * boot starts where the log goes back to an earlier stage (banner, sysinit, boot runlevel). The
 * message is the line without its ` * ` bullet; the region is loose (formats.ts): whatever the
 * services printed is an entry too. No identifier, except where a daemon's line names itself
 * (`dhcpcd[1936]: eth0: leased …`: identifier and pid, as syslog would have them).
 */
export const openrcReader: LineReaderFactory = (options) => {
  const local = new LocalClock(options);
  let realtimeUs: number | null = null;
  let stage = 0;
  const bootStage = (next: number, lineNo: number, sink: ReadSink) => {
    if (next <= stage) {
      sink.bootMarker(null, lineNo);
      realtimeUs = null;
    }
    stage = next;
  };
  return {
    format: 'openrc',
    line(text, lineNo, sink) {
      if (componentChrome(text, lineNo, sink)) return true;
      const line = text.trim();
      const logging = line.startsWith('rc ') ? LOGGING.exec(line) : null;
      if (logging) {
        const level = logging[1]!;
        if (logging[2] === 'started') {
          const s = STAGES[level];
          if (s !== undefined) bootStage(s, lineNo, sink);
          else stage = 4;
        }
        const month = MONTHS[logging[3]!];
        const at = month === undefined ? null : local.micros(Number(logging[8]), month, Number(logging[4]!.trim()), Number(logging[5]),
          Number(logging[6]), Number(logging[7]), 0, lineNo, sink);
        if (logging[2] === 'started') realtimeUs = at;
        sink.entry(componentEntry(options.path, lineNo, line, at, null, null));
        return true;
      }
      if (BANNER.test(line)) bootStage(1, lineNo, sink);
      const daemon = DAEMON.exec(line);
      if (daemon) {
        const entry = componentEntry(options.path, lineNo, line.slice(daemon[0].length), realtimeUs, daemon[1]!, null);
        entry.pid = Number(daemon[2]);
        sink.entry(entry);
        return true;
      }
      // einfo nests with blanks after the bullet (` *   Adding routes`): the message is the words.
      const bullet = EINFO.exec(line);
      const message = bullet ? line.slice(bullet[0].length) : line;
      sink.entry(componentEntry(options.path, lineNo, message, realtimeUs, null, null));
      return true;
    },
    finish() {},
  };
};
