import type { BundleProblem } from './archive.js';

/** The words of a bundle problem (issue 18): what stopped, and that the rest was still read. */
export function problemMessage(p: BundleProblem): string {
  switch (p.code) {
    case 'bundle-entry-limit': return `the bundle holds ${p.detail}: later entries were counted, not read`;
    case 'bundle-size-limit': return `the bundle is ${p.detail}: reading stopped there, what was read before is used`;
    case 'bundle-ratio-limit': return `the archive ${p.detail}, like a decompression bomb: reading stopped there, what was read before is used`;
    case 'bundle-truncated': return `the archive is broken or cut short (${p.detail}): what was read before is used`;
    case 'bundle-unsafe-name': return `${p.name}: ${p.detail} is not read (it would climb out of the bundle)`;
    case 'bundle-symlink-outside': return `${p.name}: a symbolic link that ${p.detail}, not followed`;
    case 'bundle-file-too-large': return `${p.name}: ${p.detail}, larger than a bundle member may be: not read`;
  }
}
