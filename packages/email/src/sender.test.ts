// The Resend transport through the real `resend` SDK, against the local catcher.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readEmailEnv } from "./env";
import { createEmailTransport, logTransport, PermanentEmailError } from "./sender";
import { startResendCatcher } from "./testing/resend-catcher";

let catcher: Awaited<ReturnType<typeof startResendCatcher>>;
beforeAll(async () => {
  catcher = await startResendCatcher();
});
afterAll(() => catcher.close());

const email = { id: "row-1", toAddress: "ana@example.com", subject: "Hello", text: "Hi Ana", html: "<p>Hi Ana</p>" };

describe("email transport", () => {
  it("prints to the log without a key, and sends through Resend with one", async () => {
    expect(createEmailTransport(readEmailEnv({})).name).toBe("log");
    expect(logTransport.name).toBe("log");
    const resend = createEmailTransport(readEmailEnv({ RESEND_API_KEY: "re_abc", RESEND_BASE_URL: catcher.baseUrl }));
    const { messageId } = await resend.send(email);
    expect(catcher.received).toEqual([{ id: messageId, from: "Lastmile <no-reply@lastmile.dev>", to: ["ana@example.com"], subject: "Hello", text: "Hi Ana", html: "<p>Hi Ana</p>", idempotencyKey: "outbox-row-1", authorization: "Bearer re_abc" }]);
  });

  it("tells a refusal (4xx) from a failure worth retrying (5xx, 429)", async () => {
    const resend = createEmailTransport(readEmailEnv({ RESEND_API_KEY: "re_abc", RESEND_BASE_URL: catcher.baseUrl }));
    catcher.failNext(422, "validation_error", "Invalid `from` field.");
    await expect(resend.send(email)).rejects.toBeInstanceOf(PermanentEmailError);
    catcher.failNext(500);
    const retryable = await resend.send(email).catch((e: unknown) => e);
    expect(retryable).toBeInstanceOf(Error);
    expect(retryable).not.toBeInstanceOf(PermanentEmailError);
    catcher.failNext(429, "rate_limit_exceeded");
    expect(await resend.send({ ...email, id: "row-2" }).catch((e: unknown) => e)).not.toBeInstanceOf(PermanentEmailError);
  });

  it("names a malformed key", () => {
    expect(() => readEmailEnv({ RESEND_API_KEY: "sk_nope" })).toThrow(/must be a Resend API key/);
  });
});
