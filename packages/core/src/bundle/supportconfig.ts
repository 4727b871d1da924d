import type { Member } from './archive.js';

/** `#==[ Command ]======================================#` and its kin (`Configuration File`, `Log File`). */
const HEADER = /^#==\[ ([^\]\n]{1,64}) \]=+#?\r?$/;

/**
 * A supportconfig `*.txt` (SUSE) split into its sections: each `#==[ Kind ]===#` header, then
 * `# <command or path>`, then what it printed. Each section is a member of its own, named
 * `<file>#<n>` (n from 1), so a journal section is read as a journal and a configuration section as
 * a configuration. Anything else is returned as it is.
 */
export function splitSupportconfig(member: Member): Member[] {
  const data = member.data!;
  if (data.length < 4 || data.subarray(0, 4).toString('latin1') !== '#==[') return [member];
  const lines = data.toString('utf8').split('\n');
  const out: Member[] = [];
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    // The header and its `# command` line are the section's name, not its content.
    const body = lines.slice(start + 2, end).join('\n');
    const text = body.length > 0 ? `${body}\n` : '';
    out.push({ name: `${member.name}#${out.length + 1}`, size: Buffer.byteLength(text), data: Buffer.from(text) });
  };
  lines.forEach((line, i) => {
    if (!HEADER.test(line)) return;
    flush(i);
    start = i;
  });
  flush(lines.length);
  return out;
}
