"use client";
// Follows one zone's ops channel. Hooks cannot be called in a loop, so a page that watches every
// zone in the caller's scope renders one of these per zone.
import type { TUseChannelOptions } from "@lastmile/realtime/react";
import { opsChannel } from "@lastmile/realtime/channels";
import { useChannel } from "@lastmile/realtime/react";

export function OpsFollower({ zoneId, ...options }: { zoneId: string } & TUseChannelOptions) {
  useChannel(opsChannel(zoneId), options);
  return null;
}
