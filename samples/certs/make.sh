#!/usr/bin/env bash
# Makes the sample certificates with openssl and a throwaway CA that is deleted afterwards: no key
# is kept. Re-running changes only the key and the signature bytes, never what bootlens reads.
#
# k0s-reboot-race/server.crt: the API server certificate k0s signed in the race boot of
# samples/journals/k0s-reboot-race (the 8th cfssl signing, at 2024-11-20 09:27:05.433807 UTC, of
# server.crt; its serial is the decimal in that line). It holds the SANs k0s had at that moment:
# no node address, because DHCP had not finished (the same IP SANs the kubelet's x509 errors in that
# journal list: 127.0.0.1, ::1, 127.0.1.1, the IPv6 link-local address and 10.96.0.1). cfssl backdates NotBefore to the signing time
# rounded to the minute minus 5 minutes (09:27:05 → 09:27 → 09:22:00); NotAfter is signing + 8760h.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

SERIAL=165050993559161138607775615531667478668894645400   # decimal, as cfssl logged it
NOT_BEFORE=20241120092200Z
NOT_AFTER=20251120092705Z

# The throwaway "kubernetes-ca" (k0s's CA is CN=kubernetes-ca).
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/ca.key" -out "$tmp/ca.crt" \
  -subj '/CN=kubernetes-ca' -days 3650 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$tmp/server.key" -out "$tmp/server.csr" \
  -subj '/O=kubernetes/CN=kubernetes' 2>/dev/null

cat > "$tmp/ext.cnf" <<'CNF'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:kubernetes.default.svc.cluster.local, DNS:localhost, IP:127.0.0.1, IP:::1, IP:127.0.1.1, IP:fe80::1a66:daff:fe4c:2e91, IP:10.96.0.1
CNF
# `openssl ca` is the only openssl 3.0 command that takes explicit validity dates.
mkdir -p "$tmp/db"
: > "$tmp/db/index.txt"
node -e "process.stdout.write(BigInt(process.argv[1]).toString(16).toUpperCase())" "$SERIAL" > "$tmp/db/serial"
cat > "$tmp/ca.cnf" <<CNF
[ ca ]
default_ca = throwaway
[ throwaway ]
database = $tmp/db/index.txt
serial = $tmp/db/serial
new_certs_dir = $tmp/db
default_md = sha256
policy = anything
unique_subject = no
[ anything ]
organizationName = optional
commonName = supplied
CNF
openssl ca -batch -notext -config "$tmp/ca.cnf" -cert "$tmp/ca.crt" -keyfile "$tmp/ca.key" \
  -in "$tmp/server.csr" -out k0s-reboot-race/server.crt -extfile "$tmp/ext.cnf" \
  -startdate "$NOT_BEFORE" -enddate "$NOT_AFTER" -preserveDN 2>/dev/null
openssl x509 -in k0s-reboot-race/server.crt -noout -serial -dates -ext subjectAltName
