import { componentFailure, type Recognizer } from './recognizer.js';

// etcd 3.2/3.3 (capnslog) when it cannot publish its member attributes through raft (no leader, no
// quorum): `etcdserver: publish error: etcdserver: request timed out` (rancher/rke#1229, its peers
// dialled at addresses they no longer had).
// At the message's start (the capnslog reader, journald) or after capnslog's `E | ` (its stdout in a journal);
// no `$` after `(.+)`: it takes the rest of the line and cannot fail there (recheck: linear).
const PUBLISH = /(?:^|\| )etcdserver: publish error: (.+)/;

/** etcd failing to join its cluster's consensus (a failure of the member, whatever the cause). */
export const etcd: Recognizer = {
  id: 'etcd',
  needles: ['publish error: '],
  recognize(entry, ctx) {
    const m = PUBLISH.exec(entry.message);
    if (m) componentFailure(ctx, entry, 'etcd-publish-failed', { component: 'etcd', subject: null, error: m[1]! });
  },
};
