import { parseLogrus } from './logrus.js';
import { componentName, eventBase, type Recognizer } from './recognizer.js';

const SIGNED = /^signed certificate with serial number (\d+)$/;
// cfssl's own logger, as k0s before v1.27 let it print: `2022/09/10 21:46:16 [INFO] signed certificate with serial number N` (k0s#2151).
const OLD_FORM = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[INFO\] signed certificate with serial number (\d+)$/;

/** Certificates signed through cfssl (k0s signs every leaf certificate this way, on every start). */
export const cfssl: Recognizer = {
  id: 'cfssl',
  needles: ['signed certificate with serial number'],
  recognize(entry, ctx) {
    const old = OLD_FORM.exec(entry.message);
    const msg = old ? null : parseLogrus(entry.message)?.['msg'];
    const serial = old?.[1] ?? (msg ? SIGNED.exec(msg)?.[1] : undefined);
    if (serial === undefined) return;
    ctx.emit({ kind: 'cert-issued', ...eventBase(entry), component: componentName(entry, 'cfssl'), serial });
  },
};
