import type { JournalEntry } from '../model/entry.js';
import { componentEntry } from './component.js';

/**
 * Messages a program prints on its own, without a logger's stamp (issue 15), pasted among log lines:
 * they are messages, read without time in input order, not prose.
 *
 * - a Go program's last error, a chain of `: `-joined causes (cobra's `Error: …`, dockerd's
 *   `failed to load listeners: listen tcp 192.168.1.101:2376: bind: cannot assign requested address`,
 *   kubectl's `Error from server: Get "https://…": proxy error …`): an error word or a lower-case
 *   word first, at least two `: ` after it;
 * - systemctl's report of a failed job (`Job for nginx.service failed because the control process
 *   exited with error code.`, `See "systemctl status nginx.service" and "journalctl -xe" for details.`).
 */
const ERROR_START = /^(?:(?:Error|error|ERROR|Fatal|fatal|FATAL|panic)\b[^:]{0,40}: |[a-z][a-z-]{1,30} [^:]{0,80}: )/;
const SYSTEMCTL = /^(?:Job for \S{1,200} failed(?: because [^\n]{1,200})?\.|(?:A dependency job for \S{1,200} failed\. )?See ["'](?:systemctl|journalctl) [^"'\n]{1,200}["'](?: and ["']journalctl [^"'\n]{1,60}["'])? for details\.)$/;

/** True when the line (as read, no leading blank) is a message a program printed without a logger. */
export function isBareMessage(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c === 0x4a || c === 0x53 || c === 0x41) return SYSTEMCTL.test(text);
  if (text.length > 4000 || !ERROR_START.test(text)) return false;
  const first = text.indexOf(': ');
  return first !== -1 && text.indexOf(': ', first + 2) !== -1;
}

/** The entry of a bare message: no time, no identifier (systemctl's lines name systemctl). */
export function bareMessageEntry(path: string, lineNo: number, text: string): JournalEntry {
  const c = text.charCodeAt(0);
  const systemctl = c === 0x4a || c === 0x53 || c === 0x41;
  return componentEntry(path, lineNo, text.trimEnd(), null, systemctl ? 'systemctl' : null, systemctl ? null : 3);
}
