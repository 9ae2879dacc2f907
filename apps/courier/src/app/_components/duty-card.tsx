"use client";
// On and off duty, the vehicle for this shift, and what the phone's GPS is doing: accuracy,
// when the last position reached the server, and what to do when location is blocked or weak.
import { useState } from "react";

import { Badge } from "@lastmile/ui/badge";

import type { TFix, TGpsState } from "./use-device";
import { POOR_ACCURACY_M } from "./use-device";
import { SoundToggle } from "./offer-card";
import { BigButton, Card, Notice } from "./ui";

export const VEHICLES = [
  { id: "foot", label: "On foot", icon: "🚶" },
  { id: "bicycle", label: "Bicycle", icon: "🚲" },
  { id: "ebike", label: "E-bike", icon: "⚡" },
  { id: "scooter", label: "Scooter", icon: "🛵" },
  { id: "motorbike", label: "Motorbike", icon: "🏍️" },
  { id: "car", label: "Car", icon: "🚗" },
] as const;
export type TVehicle = (typeof VEHICLES)[number]["id"];

const STATUS = {
  online: { label: "On duty", tone: "brand" },
  busy: { label: "On a delivery", tone: "info" },
  offline: { label: "Off duty", tone: "neutral" },
} as const;

export function DutyCard(props: {
  status: "online" | "busy" | "offline";
  vehicle: TVehicle;
  carrying: number;
  pending: boolean;
  error: string | null;
  onDuty: (on: boolean, vehicle: TVehicle) => void;
  gps: { state: TGpsState; fix: TFix | null; message: string | null };
  lastSentAt: number | null;
  queuedPositions: number;
  online: boolean;
  now: number;
  offerSound: { muted: boolean; onToggle: () => void };
}) {
  const [vehicle, setVehicle] = useState<TVehicle>(props.vehicle);
  const onDuty = props.status !== "offline";
  const status = STATUS[props.status];
  return (
    <Card
      labelledBy="duty-title"
      title={
        <span className="flex items-center justify-between gap-2">
          <span>Your shift</span>
          <Badge tone={status.tone}>{status.label}</Badge>
        </span>
      }
    >
      {!onDuty ? (
        <fieldset>
          <legend className="mb-2 text-base font-semibold text-slate-900">
            What are you riding today?
          </legend>
          <div className="grid grid-cols-3 gap-2">
            {VEHICLES.map((v) => (
              <label
                key={v.id}
                className="flex min-h-16 cursor-pointer flex-col items-center justify-center rounded-xl border-2 border-slate-300 bg-white p-2 text-center text-sm font-semibold text-slate-900 has-checked:border-brand-700 has-checked:bg-brand-50 has-focus-visible:outline-3 has-focus-visible:outline-sky-600"
              >
                <input
                  type="radio"
                  name="vehicle"
                  value={v.id}
                  checked={vehicle === v.id}
                  onChange={() => setVehicle(v.id)}
                  className="sr-only"
                />
                <span aria-hidden className="text-2xl">
                  {v.icon}
                </span>
                {v.label}
              </label>
            ))}
          </div>
          <BigButton
            className="mt-4"
            disabled={props.pending}
            onClick={() => props.onDuty(true, vehicle)}
          >
            {props.pending ? "Going on duty…" : "Go on duty"}
          </BigButton>
          <p className="mt-2 text-sm text-slate-700">
            Your location is shared only while you are on duty.
          </p>
        </fieldset>
      ) : (
        <>
          <GpsStatus {...props} />
          <div className="mt-3 flex items-center justify-between gap-2">
            <p className="text-base text-slate-800">
              {props.offerSound.muted ? "New offers only buzz." : "New offers chime and buzz."}
            </p>
            <SoundToggle
              tone="light"
              muted={props.offerSound.muted}
              onToggle={props.offerSound.onToggle}
            />
          </div>
          <BigButton
            tone="secondary"
            className="mt-4"
            disabled={props.pending || props.carrying > 0}
            aria-describedby={props.carrying > 0 ? "off-duty-why" : undefined}
            onClick={() => props.onDuty(false, vehicle)}
          >
            {props.pending ? "Going off duty…" : "Go off duty"}
          </BigButton>
          {props.carrying > 0 ? (
            <p id="off-duty-why" className="mt-2 text-sm text-slate-700">
              Finish your delivery before going off duty.
            </p>
          ) : null}
        </>
      )}
      {props.error ? (
        <div className="mt-3">
          <Notice tone="error">{props.error}</Notice>
        </div>
      ) : null}
    </Card>
  );
}

function GpsStatus({
  gps,
  lastSentAt,
  queuedPositions,
  online,
  now,
}: Parameters<typeof DutyCard>[0]) {
  const ago = lastSentAt ? Math.max(0, Math.round((now - lastSentAt) / 1000)) : null;
  return (
    <div className="space-y-3">
      <dl className="grid grid-cols-2 gap-2">
        <div className="rounded-xl bg-slate-100 p-3">
          <dt className="text-sm font-medium text-slate-700">GPS accuracy</dt>
          <dd className="text-2xl font-bold tabular-nums text-slate-950" data-testid="gps-accuracy">
            {gps.fix ? `±${gps.fix.accuracyM} m` : "—"}
          </dd>
        </div>
        <div className="rounded-xl bg-slate-100 p-3">
          <dt className="text-sm font-medium text-slate-700">Position sent</dt>
          <dd className="text-2xl font-bold tabular-nums text-slate-950" data-testid="last-sent">
            {ago === null
              ? "not yet"
              : ago < 60
                ? `${ago} s ago`
                : `${Math.floor(ago / 60)} min ago`}
          </dd>
        </div>
      </dl>
      {gps.state === "denied" ? (
        <Notice tone="error">
          <strong className="block">Location is blocked, so you cannot get offers.</strong>
          In Chrome, tap the icon left of the address ▸ <b>Permissions</b> ▸ <b>Location</b> ▸{" "}
          <b>Allow</b>, then reload. In the installed app: phone Settings ▸ Apps ▸ Lastmile Courier
          ▸ Permissions ▸ Location ▸ Allow.
        </Notice>
      ) : gps.state === "unsupported" ? (
        <Notice tone="error">
          This browser cannot share your location. Open Lastmile Courier in Chrome on your phone.
        </Notice>
      ) : gps.state === "unavailable" ? (
        <Notice tone="warning">
          <strong className="block">No GPS signal right now.</strong>
          Check that location is switched on for your phone, and step outside or away from tall
          buildings.{gps.message ? ` (${gps.message})` : ""}
        </Notice>
      ) : gps.state === "waiting" ? (
        <Notice tone="info">
          Finding your position… Keep the app open and location switched on.
        </Notice>
      ) : gps.fix && gps.fix.accuracyM > POOR_ACCURACY_M ? (
        <Notice tone="warning">
          <strong className="block">Weak GPS signal (±{gps.fix.accuracyM} m).</strong>
          Step into the open or away from tall buildings: pick-up and delivery need a good position.
        </Notice>
      ) : null}
      {!online ? (
        <Notice tone="warning">
          <strong className="block">You are offline.</strong>
          {queuedPositions > 0
            ? `${queuedPositions} positions are saved on this phone`
            : "Positions are saved on this phone"}{" "}
          and will be sent when the connection returns.
        </Notice>
      ) : null}
    </div>
  );
}
