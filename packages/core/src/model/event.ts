import { z } from 'zod';
import { SourceRef } from './entry.js';

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
};

export const AddressFamily = z.enum(['ipv4', 'ipv6']);
export type AddressFamily = z.infer<typeof AddressFamily>;

export const SanSet = z.object({ dns: z.array(z.string()), ip: z.array(z.string()) });
export type SanSet = z.infer<typeof SanSet>;

export const AddressAddedEvent = z.object({
  kind: z.literal('address-added'),
  ...EventBase,
  interface: z.string(),
  /** The address alone, without prefix length. */
  address: z.string(),
  prefixLength: z.number().int().nullable(),
  family: AddressFamily,
  /** The network stack (or program) that reported it: `systemd-networkd`, `NetworkManager`, … */
  via: z.string(),
});

export const LinkUpEvent = z.object({
  kind: z.literal('link-up'),
  ...EventBase,
  interface: z.string(),
  via: z.string(),
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

/** systemd's job messages for a unit: `Starting …`, `Started …`, `Finished …`, `Failed to start …`. */
export const UnitJobEvent = z.object({
  kind: z.literal('unit-job'),
  ...EventBase,
  /** The unit name, when it was logged (systemd ≥ 247 with unit names in status, or json/export `UNIT=`). */
  unit: z.string().nullable(),
  description: z.string().nullable(),
  phase: UnitPhase,
});

export const ApiAddressSelectedEvent = z.object({
  kind: z.literal('api-address-selected'),
  ...EventBase,
  component: z.string(),
  address: z.string(),
  /** True when the component fell back to a default (k0s: 127.0.0.1) because it found no address. */
  defaulted: z.boolean(),
});

export const SansConfiguredEvent = z.object({
  kind: z.literal('sans-configured'),
  ...EventBase,
  component: z.string(),
  sans: SanSet,
});

export const CertIssuedEvent = z.object({
  kind: z.literal('cert-issued'),
  ...EventBase,
  component: z.string(),
  /** Serial number as logged (cfssl logs it in decimal). */
  serial: z.string().optional(),
  sans: SanSet.optional(),
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
]);
export type TimelineEvent = z.infer<typeof TimelineEvent>;
export type EventKind = TimelineEvent['kind'];
export type EventOf<K extends EventKind> = Extract<TimelineEvent, { kind: K }>;
export const EVENT_KINDS = TimelineEvent.options.map((o) => o.shape.kind.value) as EventKind[];
