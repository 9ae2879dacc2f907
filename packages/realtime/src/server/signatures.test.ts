import { createHmac } from "node:crypto";

import PusherSdk from "pusher";
import { describe, expect, it } from "vitest";

import { channelAuthValid, requestRefusal, signChannel } from "./signatures";

const APP = { id: "1", key: "k", secret: "s3cret" };
const sdk = new PusherSdk({
  appId: APP.id,
  key: APP.key,
  secret: APP.secret,
  host: "127.0.0.1",
  port: "1",
  useTLS: false,
});

describe("channel signatures", () => {
  it("match the pusher SDK's, with and without presence data", () => {
    expect(signChannel(APP, "1.2", "private-x")).toBe(
      sdk.authorizeChannel("1.2", "private-x").auth,
    );
    const presence = sdk.authorizeChannel("1.2", "presence-x", { user_id: "u" });
    expect(channelAuthValid(APP, "1.2", "presence-x", presence.auth, presence.channel_data)).toBe(
      true,
    );
    expect(signChannel(APP, "1.2", "private-x")).toBe(
      `k:${createHmac("sha256", "s3cret").update("1.2:private-x").digest("hex")}`,
    );
  });

  it("do not carry over to another socket or channel", () => {
    const { auth } = sdk.authorizeChannel("1.2", "private-x");
    expect(channelAuthValid(APP, "1.3", "private-x", auth)).toBe(false);
    expect(channelAuthValid(APP, "1.2", "private-y", auth)).toBe(false);
    expect(channelAuthValid(APP, "1.2", "private-x", undefined)).toBe(false);
  });
});

describe("HTTP API signatures", () => {
  const path = "/apps/1/events";
  const body = JSON.stringify({ name: "e", channels: ["c"], data: "{}" });
  const signed = () =>
    new URLSearchParams(sdk.createSignedQueryString({ method: "POST", path, body }));

  it("accept what the SDK signs", () => {
    expect(requestRefusal(APP, { method: "POST", path, params: signed(), body })).toBeNull();
  });

  it("refuse a changed body, path, key or an old timestamp, saying which", () => {
    expect(
      requestRefusal(APP, { method: "POST", path, params: signed(), body: body.replace("e", "f") }),
    ).toMatch(/body_md5/);
    expect(
      requestRefusal(APP, { method: "POST", path: "/apps/1/batch_events", params: signed(), body }),
    ).toMatch(/auth_signature/);
    expect(
      requestRefusal({ ...APP, key: "other" }, { method: "POST", path, params: signed(), body }),
    ).toMatch(/auth_key/);
    expect(
      requestRefusal(APP, {
        method: "POST",
        path,
        params: signed(),
        body,
        nowS: Date.now() / 1000 + 3600,
      }),
    ).toMatch(/auth_timestamp/);
  });
});
