import { z } from 'zod';
import { SourceRef } from './entry.js';

/**
 * The same fact logged again and again (issue 16): the same TLS failure of the same client for the
 * same address, the same lease renewed, the same link flapping. The timeline keeps one event, the
 * first occurrence, and this run says how often and until when. Present only when the fact was
 * logged more than once.
 */
export const EventRun = z.object({
  /** Occurrences folded into this event, the first included (≥ 2). */
  count: z.number().int().min(2),
  /** The last occurrence's monotonic time (µs since kernel start), where the input carried it. */
  lastMonotonicUs: z.number().nullable(),
  /** The last occurrence's wall-clock time, ISO-8601, where the input carried it. */
  lastRealtime: z.string().nullable(),
  /** The last occurrence's line. */
  lastSource: SourceRef,
  /** The first few occurrences (at most 3, the first one first): their lines and messages (untrusted text). */
  samples: z.array(SourceRef.extend({ message: z.string() })),
});
export type EventRun = z.infer<typeof EventRun>;

/** Fields every timeline event has, whatever its kind. */
const EventBase = {
  /** Microseconds since this boot's kernel start, where the input carried the monotonic clock. */
  monotonicUs: z.number().nullable(),
  /** The entry's wall-clock time as ISO-8601 with microseconds, where the input carried it. */
  realtime: z.string().nullable(),
  source: SourceRef,
  /** Who logged it (the journal identifier, e.g. `systemd-networkd`, `k0s`). */
  identifier: z.string().nullable(),
  /** The systemd unit of the process that logged it, where the input says (json, export, with-unit). */
  systemdUnit: z.string().nullable(),
  /** The log message the event was recognized in, verbatim (untrusted text). */
  message: z.string(),
  /** Repeats of this same fact folded into it (issue 16); absent when it was logged once. */
  run: EventRun.optional(),
  /**
   * Inputs with wall-clock time only (issue 14): microseconds added to `realtime` to place the event
   * on its boot's own axis, which stays continuous across a wall-clock step (the stamps after a step
   * are re-anchored to the stamp before it) and follows the input's order (a stamp a little behind
   * the one before it is held at that one). Absent when zero.
   */
  clockShiftUs: z.number().optional(),
};

/**
 * On events that carry addresses: true when one of them is written as the author of a paste hid it
 * (`x.x.x.17`, `10.0.x.x`, `<IP>`, `[REDACTED]`; recognize/net.ts, isRedactedAddress). The address
 * is kept as written and never matched against a real one. Absent otherwise.
 */
const Redacted = z.literal(true).optional();

export const AddressFamily = z.enum(['ipv4', 'ipv6']);
export type AddressFamily = z.infer<typeof AddressFamily>;

export const SanSet = z.object({ dns: z.array(z.string()), ip: z.array(z.string()) });
export type SanSet = z.infer<typeof SanSet>;

/** What every event about one address on one interface says (added, removed, leased). */
const AddressFields = {
  interface: z.string(),
  /** The address alone, without prefix length. */
  address: z.string(),
  prefixLength: z.number().int().nullable(),
  family: AddressFamily,
  /** The network stack (or program) that reported it: `systemd-networkd`, `NetworkManager`, … */
  via: z.string(),
  /** True when the address is one the author of a paste hid (`x.x.x.17`, `<IP>`): kept as written, never matched against a real one. */
  redacted: Redacted,
};

export const AddressAddedEvent = z.object({
  kind: z.literal('address-added'),
  ...EventBase,
  ...AddressFields,
});

/** What link events say: which interface, who said it, and whether it was about the carrier. */
const LinkFields = {
  interface: z.string(),
  via: z.string(),
  /** True when the stack spoke of the carrier (came or went), false for an administrative up or down, absent when it did not say. */
  carrier: z.boolean().optional(),
};

export const LinkUpEvent = z.object({
  kind: z.literal('link-up'),
  ...EventBase,
  ...LinkFields,
});

export const LinkDownEvent = z.object({
  kind: z.literal('link-down'),
  ...EventBase,
  ...LinkFields,
});

export const AddressRemovedEvent = z.object({
  kind: z.literal('address-removed'),
  ...EventBase,
  ...AddressFields,
});

/** A DHCP client reporting a lease: the address, and what else it logged about the lease. */
export const DhcpLeaseEvent = z.object({
  kind: z.literal('dhcp-lease'),
  ...EventBase,
  ...AddressFields,
  /** Lease time in seconds, when logged. */
  leaseSeconds: z.number().nullable(),
  /** Seconds until renewal (dhclient's `renewal in N seconds`), when logged. */
  renewSeconds: z.number().nullable(),
  /** The DHCP server that granted it, when logged. */
  server: z.string().nullable(),
  gateway: z.string().nullable(),
});

/** An interface got a new name (udev's predictable names: `eth0` → `enp3s0`). */
export const InterfaceRenamedEvent = z.object({
  kind: z.literal('interface-renamed'),
  ...EventBase,
  /** The new name. */
  interface: z.string(),
  formerName: z.string(),
  via: z.string(),
});

/**
 * A service failed to bind a socket: to an address the node did not have (EADDRNOTAVAIL), or, with
 * `inUse`, to a port another socket held (EADDRINUSE).
 */
export const BindFailedEvent = z.object({
  kind: z.literal('bind-failed'),
  ...EventBase,
  /**
   * The address it could not bind, null when the line does not name one (sshd's `fatal: Cannot bind
   * any address.`, nsd's `can't bind udp socket`, a systemd socket unit's `Failed to listen on sockets`).
   */
  address: z.string().nullable(),
  port: z.number().int().nullable(),
  /** The address's family; null when neither the address nor the line says (nsd, a socket unit). */
  family: AddressFamily.nullable(),
  /** What logged it: nginx, sshd, haproxy, etcd, … (the journal identifier). */
  program: z.string(),
  /** The error as logged (`Cannot assign requested address`), or null when the program does not say (old haproxy). */
  reason: z.string().nullable(),
  /**
   * True when the error is EADDRINUSE (errno 98, `Address already in use`, musl's `Address in use`):
   * the address may well be there, another process holds the port. The address may then be a
   * wildcard (`0.0.0.0`). Absent for EADDRNOTAVAIL.
   */
  inUse: z.literal(true).optional(),
  /**
   * True when the line ends before its reason (a pager cut it at the terminal's width: sshd's `Bind to
   * port 22 on 10.43.42.64 faile`): EADDRNOTAVAIL and EADDRINUSE cannot be told apart; `reason` is
   * null. Absent otherwise.
   */
  reasonCut: z.literal(true).optional(),
  redacted: Redacted,
});

/** A wait-online service gave up: it timed out (or, for NetworkManager-wait-online, failed) waiting for the network. */
export const WaitOnlineTimeoutEvent = z.object({
  kind: z.literal('wait-online-timeout'),
  ...EventBase,
  /** `systemd-networkd-wait-online.service` or `NetworkManager-wait-online.service`. */
  unit: z.string(),
});

export const TargetReachedEvent = z.object({
  kind: z.literal('target-reached'),
  ...EventBase,
  /** The target's unit name, e.g. `network-online.target` (mapped from the description when only that was logged). */
  unit: z.string(),
  /** The target's description as logged (`Network is Online`), null when only the name was logged. */
  description: z.string().nullable(),
});

export const UnitPhase = z.enum(['starting', 'started', 'finished', 'failed', 'stopping', 'stopped']);
export type UnitPhase = z.infer<typeof UnitPhase>;

/**
 * systemd's job messages for a unit: `Starting …`, `Started …`, `Finished …`, `Failed to start …`,
 * and its other failure lines (phase `failed`, with `result`): `Failed with result '…'`,
 * `Dependency failed for …`, `Timed out waiting for device …`, `Start request repeated too quickly`.
 */
export const UnitJobEvent = z.object({
  kind: z.literal('unit-job'),
  ...EventBase,
  /** The unit name, when it was logged (systemd ≥ 247 with unit names in status, or json/export `UNIT=`). */
  unit: z.string().nullable(),
  description: z.string().nullable(),
  phase: UnitPhase,
  /**
   * Why a job failed, where the line says it: systemd's result (`exit-code`, `signal`, `core-dump`,
   * `timeout`, `dependency`, `start-limit-hit`, older `start-limit`, `resources`, …), from `Failed
   * with result '…'`, `Job …/start failed with result '…'`, `Dependency failed for …` (dependency),
   * `Timed out waiting for device …` (timeout), `Start request repeated too quickly` (start-limit-hit).
   * Absent when the line does not say (`Failed to start …`).
   */
  result: z.string().optional(),
});

export const ApiAddressSelectedEvent = z.object({
  kind: z.literal('api-address-selected'),
  ...EventBase,
  component: z.string(),
  address: z.string(),
  /** True when the component fell back to a default (k0s: 127.0.0.1) because it found no address. */
  defaulted: z.boolean(),
  redacted: Redacted,
});

export const SansConfiguredEvent = z.object({
  kind: z.literal('sans-configured'),
  ...EventBase,
  component: z.string(),
  sans: SanSet,
  redacted: Redacted,
});

export const CertIssuedEvent = z.object({
  kind: z.literal('cert-issued'),
  ...EventBase,
  component: z.string(),
  /** Serial number as logged (cfssl logs it in decimal). */
  serial: z.string().optional(),
  sans: SanSet.optional(),
  /**
   * What the line says happened to the certificate (absent on older events: `signed`):
   * `signed` a new one was signed (cfssl, kubeadm, k3s `Creating new`/`Updating TLS secret`, microk8s
   * `cert change detected`); `reused` an existing one was kept (kubeadm `Using the existing …`);
   * `loaded` a server loaded it (kube-apiserver `Loaded serving cert`); `active` a server put it in
   * use (k3s/rke2 `Active TLS secret`).
   */
  action: z.enum(['signed', 'reused', 'loaded', 'active']).optional(),
  /**
   * True when the line was cut inside the SAN list (a pager, a wrapped paste): `sans` holds the names
   * shown, the certificate may hold more. Absent when the list was whole.
   */
  sansPartial: z.boolean().optional(),
  /** Which certificate, where the line names it: `apiserver`, `etcd/server`, `kube-system/k3s-serving`. */
  certificate: z.string().optional(),
  /** Subject and issuer as logged (k3s: `CN=k3s,O=k3s`, `CN=k3s-server-ca@1612641497`). */
  subject: z.string().optional(),
  issuer: z.string().optional(),
  /** Validity as logged, ISO-8601 UTC (k3s `certificate … signed by …`, kube-apiserver `Loaded serving cert`). */
  notBefore: z.string().optional(),
  notAfter: z.string().optional(),
  redacted: Redacted,
});

export const TlsVerifyFailedEvent = z.object({
  kind: z.literal('tls-verify-failed'),
  ...EventBase,
  /** Names and addresses the certificate is valid for, as the error listed them. */
  validFor: z.array(z.string()),
  /** The name or address the client wanted. */
  wanted: z.string(),
  /** The component that logged the failure (k0s wraps its children: `component=kubelet`). */
  component: z.string().nullable(),
  /**
   * Which Go x509 check failed (absent on older events: `hostname-mismatch`). `hostname-mismatch`
   * `certificate is valid for A, not B` (or etcd's `does not match any of DNSNames`); `no-ip-sans`
   * `cannot validate certificate for B because it doesn't contain any IP SANs`; `no-names`
   * `certificate is not valid for any names, but wanted to match B`; `legacy-cn` `certificate relies
   * on legacy Common Name field`; `not-yet-valid` / `expired` `certificate has expired or is not yet
   * valid: current time T is before|after T2`; `expired-or-not-yet-valid` the same without the times
   * (Go before 1.16); `unknown-authority` `x509: certificate signed by unknown authority` (the
   * client does not trust the issuing CA: a stale or wrong CA bundle, not a missing name);
   * `client-certificate-expired` the kubelet's own client certificate has expired (`The currently
   * active client certificate has expired …`: servers refuse it). For the reasons that name no host,
   * `wanted` is the host of the URL the client was fetching when the line has one, else the empty string.
   */
  reason: z.enum(['hostname-mismatch', 'no-ip-sans', 'no-names', 'legacy-cn', 'not-yet-valid', 'expired', 'expired-or-not-yet-valid', 'unknown-authority', 'client-certificate-expired']).optional(),
  /** The client's clock when it checked, as the error printed it (ISO-8601), for `not-yet-valid` and `expired`. */
  currentTime: z.string().optional(),
  /** The certificate's NotBefore (`not-yet-valid`) or NotAfter (`expired`), as the error printed it. */
  boundary: z.string().optional(),
  redacted: Redacted,
});

/**
 * A TLS server refused a handshake and logged it: Go's `http: TLS handshake error from A:P: …`
 * (kube-apiserver, k3s, the kubelet), etcd's `rejected connection from "A:P" (error "…")`. The
 * server's side of a certificate problem: `remote error: tls: bad certificate` means the client
 * refused the server's certificate (its x509 error, where logged, is a `tls-verify-failed`).
 */
export const TlsHandshakeFailedEvent = z.object({
  kind: z.literal('tls-handshake-failed'),
  ...EventBase,
  /** The server that logged it (the journal identifier, logrus `component=`, or `etcd`), null when unknown. */
  component: z.string().nullable(),
  /** The client, `address:port` as logged (`127.0.0.1:60264`, `[::1]:443`). */
  peer: z.string(),
  /** The error as logged: `remote error: tls: bad certificate`, `EOF`, `tls: first record does not look like a TLS handshake`. */
  error: z.string(),
  redacted: Redacted,
});

/**
 * The wall clock was stepped (or started slewing) during the boot: an NTP client set it, or the
 * journal shows realtime jumping against monotonic time. Wall-clock stamps before it are off.
 */
export const ClockStepEvent = z.object({
  kind: z.literal('clock-step'),
  ...EventBase,
  /** How far the wall clock moved, in microseconds: positive forward, negative backward. */
  stepUs: z.number(),
  /** Who says so: `systemd-timesyncd`, `chronyd`, `systemd`, or `journal` (realtime against monotonic). */
  via: z.string(),
});

/**
 * A unit's state as `systemctl status` showed it (its `Active:` line): what the unit was doing when
 * the status was taken, and since when. A snapshot, not a change the journal logged.
 */
export const UnitStateEvent = z.object({
  kind: z.literal('unit-state'),
  ...EventBase,
  unit: z.string(),
  /** The active state: `active`, `inactive`, `failed`, `activating`, `deactivating`, `reloading`, `maintenance`, … */
  state: z.string(),
  /** The sub-state in parentheses (`running`, `dead`, `auto-restart`, `exited`), null when not printed. */
  subState: z.string().nullable(),
  /** `(Result: exit-code)`: `exit-code`, `signal`, `core-dump`, `timeout`, `start-limit-hit` (older: `start-limit`), …; null when not printed. */
  result: z.string().nullable(),
  /** When the unit entered this state (the `since` time), ISO-8601; null when the line has none or it was cut. */
  since: z.string().nullable(),
});

/**
 * A failure a component logged that is no unit's, no bind's and no TLS handshake's (issue 19): a
 * NIC's driver reporting a hung unit, a VRRP instance entering FAULT, udev failing to rename an
 * interface, a component's fatal exit. The verdict counts those no finding cites.
 */
export const ComponentFailureEvent = z.object({
  kind: z.literal('component-failure'),
  ...EventBase,
  /**
   * What failed: `nic-hang` (e1000e `Detected Hardware Unit Hang`, igb/ixgbe `Detected Tx Unit Hang`),
   * `vrrp-fault` (keepalived `Entering FAULT STATE`), `interface-rename-failed` (udev `Failed to
   * rename network interface …`), `fatal` (a logrus `level=fatal` line: the process exits),
   * `node-ip-not-found` (the kubelet's node IP is on no interface: `node IP: "A" not found in the
   * host's network interfaces`; subject the address), `etcd-publish-failed` (etcd could not publish
   * itself to the cluster through raft: `publish error: etcdserver: request timed out`, no quorum),
   * `error-logged` (a line the component itself marks as an error, that no other event reads: klog's
   * `E0510 …`, `ERROR`, `level=error`; error its words, its repeats by one component fold into one run).
   */
  failure: z.enum(['nic-hang', 'vrrp-fault', 'interface-rename-failed', 'fatal', 'node-ip-not-found', 'etcd-publish-failed', 'error-logged']),
  /** Who says so: the driver (`e1000e`, `igb`), `keepalived`, `udev`, the component (`k3s`); null when the line does not name it. */
  component: z.string().nullable(),
  /** What it is about, where the line names it: the interface (`eth0`), else the device (`0000:09:00.0`), the VRRP instance (`VI_2`), the node IP. */
  subject: z.string().nullable(),
  /** The error as logged (`Device or resource busy`, `failed to find cpu cgroup (v2)`), null when the line gives none. */
  error: z.string().nullable(),
});

export const TimelineEvent = z.discriminatedUnion('kind', [
  AddressAddedEvent,
  LinkUpEvent,
  TargetReachedEvent,
  UnitJobEvent,
  ApiAddressSelectedEvent,
  SansConfiguredEvent,
  CertIssuedEvent,
  TlsVerifyFailedEvent,
  LinkDownEvent,
  AddressRemovedEvent,
  DhcpLeaseEvent,
  InterfaceRenamedEvent,
  BindFailedEvent,
  WaitOnlineTimeoutEvent,
  ClockStepEvent,
  UnitStateEvent,
  TlsHandshakeFailedEvent,
  ComponentFailureEvent,
]);
export type TimelineEvent = z.infer<typeof TimelineEvent>;
export type EventKind = TimelineEvent['kind'];
export type EventOf<K extends EventKind> = Extract<TimelineEvent, { kind: K }>;
export const EVENT_KINDS = TimelineEvent.options.map((o) => o.shape.kind.value) as EventKind[];
