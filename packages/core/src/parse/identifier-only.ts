import { pasteChrome } from './chrome.js';
import type { LineReaderFactory, ReadSink } from './reader.js';
import { UNIT_NAME } from './short-common.js';

/**
 * journalctl's short lines with the time and host columns cut off, as people paste them
 * (`sshd[1209]: error: Bind to port 22 on 192.168.77.222 failed: …`, NixOS/nixpkgs#4748;
 * `systemd-networkd[618]: idrac: Renamed to eth0`, systemd/systemd#7143; `kernel: tg3 0000:02:00.1
 * eno2: renamed from eth1`), sometimes indented, once with a space before the pid
 * (`systemd-networkd-wait-online [1132]: …`, systemd/systemd#6441). The identifier and pid are the
 * syslog tag; a line claims the format only with a `[pid]`, or as `kernel:` (which has none), so a
 * sentence such as `Error: …` or `Warning: …` never does. Entries have no time: read in input order,
 * with a `no-time-host` note, like `-o cat` but attributed to who logged them.
 */
export const IDENTIFIER_ONLY_LINE = /^(?:([A-Za-z_][\w.@/-]{0,79}) ?\[(\d{1,10})\]|(kernel)): /;

const SYSTEMD_JOB = /^(?:Started|Starting|Stopped|Stopping|Failed to start|Reached target|Dependency failed for|Mounted|Mounting|Finished|Listening on) [^\n]{1,300}(?:\.|…)$/;

/** True when the line's first word (up to `:` or a blank) is a unit name (`foo.service`, `dev-sda1.device`). */
function startsWithUnit(body: string): boolean {
  let end = 0;
  while (end < body.length && end < 256) {
    const c = body.charCodeAt(end);
    if (c === 0x3a || c <= 0x20) break;
    end++;
  }
  const word = body.slice(0, end);
  return end < body.length && word.lastIndexOf('.') > 0 && UNIT_NAME.test(word);
}

export const identifierOnlyReader: LineReaderFactory = (options) => {
  let noted = false;
  /**
   * A line among them with the tag cut too, which only systemd writes so (systemd#6441): a message
   * about a unit, which starts with its name (`systemd-networkd-wait-online.service: Failed with
   * result 'exit-code'.`), or a job's (`Failed to start Wait for Network to be Configured.`).
   */
  const systemdLine = (body: string, lineNo: number, sink: ReadSink): boolean => {
    if (!noted || !(startsWithUnit(body) || SYSTEMD_JOB.test(body))) return false;
    sink.entry({
      realtimeUs: null, monotonicUs: null, bootId: null, hostname: null, identifier: 'systemd', pid: null, unit: null, priority: null,
      message: body.trimEnd(), fields: {}, source: { path: options.path, line: lineNo },
    });
    return true;
  };
  return {
    format: 'identifier-only',
    line(text, lineNo, sink) {
      const chrome = pasteChrome(text);
      if (chrome) {
        if (chrome.kind === 'boot') sink.bootMarker(chrome.bootId, lineNo);
        return true;
      }
      const body = text.trimStart();
      const m = IDENTIFIER_ONLY_LINE.exec(body);
      if (!m) return systemdLine(body, lineNo, sink);
      if (!noted) {
        noted = true;
        sink.note(lineNo, 'no-time-host', 'entries are read in input order; rules that compare times find nothing (paste whole journalctl lines, or -o short-iso-precise)');
      }
      sink.entry({
        realtimeUs: null, monotonicUs: null, bootId: null, hostname: null,
        identifier: m[1] ?? m[3]!, pid: m[2] === undefined ? null : Number(m[2]), unit: null, priority: null,
        message: body.slice(m[0].length), fields: {}, source: { path: options.path, line: lineNo },
      });
      return true;
    },
    finish() {},
  };
};
