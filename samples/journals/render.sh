#!/usr/bin/env bash
# Regenerates the sample journals: scenarios.mjs writes sources/*.export (Journal Export
# Format), the real systemd-journal-remote turns each into a journal file, and the real
# journalctl renders that file in every output mode. Nothing here formats a rendering.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
remote=/lib/systemd/systemd-journal-remote
modes=(short short-precise short-iso short-iso-precise short-full short-monotonic short-unix short-delta
       with-unit verbose json json-pretty json-seq json-sse export cat)

die() { echo "render.sh: $*" >&2; exit 1; }
[[ -x $remote ]] || die "$remote not found; run: apt-get install systemd-journal-remote"
command -v journalctl >/dev/null || die "journalctl not found; run: apt-get install systemd"
command -v node >/dev/null || die "node not found (Node 20+ is needed for scenarios.mjs)"
command -v gzip >/dev/null || die "gzip not found; run: apt-get install gzip"
journalctl --version | head -n1 | grep -q '^systemd 252 ' ||
  echo "render.sh: warning: the committed renderings come from journalctl 252, this is: $(journalctl --version | head -n1)" >&2

node "$here/scenarios.mjs"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Two things differ between runs of the same input, and nothing else:
#  - journal-remote gives each new journal file a random seqnum id, the "s=" of every cursor
#    (__CURSOR, verbose's "[s=...]");
#  - journalctl's json* modes print an entry's fields in hashmap order, seeded per process.
# So keep an existing rendering when it differs from the new one only in those ways: the
# committed files stay real journalctl output and regenerating does not churn them.
canonical() {
  case "$1" in
    *.json|*.json-*) node -e '
      const t = require("fs").readFileSync(process.argv[1], "utf8");
      let depth = 0, str = false, esc = false, start = 0, rest = "";
      for (let i = 0; i < t.length; i++) {   // split on top-level {...} objects, keep the glue
        const c = t[i];
        if (str) { if (esc) esc = false; else if (c === "\\") esc = true; else if (c === "\"") str = false; continue; }
        if (c === "\"") str = true;
        else if (c === "{" && depth++ === 0) { rest += t.slice(start, i) + "{}"; start = i; }
        else if (c === "}" && --depth === 0) {
          const o = JSON.parse(t.slice(start, i + 1));
          console.log(JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]])));
          start = i + 1;
        }
      }
      console.log(JSON.stringify(rest + t.slice(start)));' "$1" | sed -E 's/s=[0-9a-f]{32}/s=<seqnum-id>/g' ;;
    *) sed -E 's/s=[0-9a-f]{32}/s=<seqnum-id>/g' "$1" ;;
  esac
}

for src in "$here"/sources/*.export; do
  name="$(basename "$src" .export)"
  journal="$tmp/$name/x.journal"      # must not exist yet: journal-remote would append to it
  mkdir "$tmp/$name"
  "$remote" -o "$journal" "$src" 2>"$tmp/$name/remote.log" ||
    { cat "$tmp/$name/remote.log" >&2; die "systemd-journal-remote failed on $src"; }

  for mode in "${modes[@]}"; do
    out="$here/$name.$mode"
    # Plain journalctl as a user would run it (no --all); C locale and UTC for stable text.
    LC_ALL=C.UTF-8 TZ=UTC journalctl --file "$journal" --no-pager -o "$mode" >"$tmp/$name/x.$mode" ||
      die "journalctl -o $mode failed on $name"
    if [[ -f $out ]] && cmp -s <(canonical "$out") <(canonical "$tmp/$name/x.$mode"); then
      continue
    fi
    mv "$tmp/$name/x.$mode" "$out"
  done

  # The race scenario also as the binary journal file itself (issue 17), as journal-remote wrote it
  # (systemd 252's defaults: compact, keyed hash, zstd for fields of 512 bytes and more). Its file
  # and seqnum ids (and so its keyed hashes) are random per run: keep the committed file when
  # journalctl exports the same entries from both, but for the s= of the cursors.
  if [[ $name == k0s-reboot-race ]]; then
    out="$here/$name.journal"
    journalctl --file "$journal" --no-pager -o export >"$tmp/$name/new.export"
    if ! { [[ -f $out ]] && journalctl --file "$out" --no-pager -o export >"$tmp/$name/old.export" &&
           cmp -s <(canonical "$tmp/$name/old.export") <(canonical "$tmp/$name/new.export"); }; then
      cp "$journal" "$out"
    fi
  fi

  # gzip -n: no name/mtime in the header, so the same input gives the same bytes.
  gzip -n -9 -c "$here/$name.json" >"$tmp/$name/json.gz"
  cmp -s "$tmp/$name/json.gz" "$here/$name.json.gz" 2>/dev/null || mv "$tmp/$name/json.gz" "$here/$name.json.gz"
  echo "rendered $name: $(grep -c '^__CURSOR=' "$here/$name.export") entries"
done

# Pastes made from these journals: systemctl status and journalctl --list-boots (pastes.mjs).
node "$here/pastes.mjs"

# What the same boots leave outside the journal: rsyslog's file and a serial console (syslog-console.mjs).
node "$here/syslog-console.mjs"
