import { describe, expect, it } from "vitest";

import { readPaymentsEnv } from "./env";
import { createPaymentProvider } from "./factory";

describe("createPaymentProvider", () => {
  it("uses the Local provider without keys and Stripe with them", () => {
    expect(createPaymentProvider(readPaymentsEnv({})).name).toBe("local");
    expect(createPaymentProvider(readPaymentsEnv({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x", STRIPE_API_HOST: "" })).name).toBe("stripe");
  });

  it("names the missing or malformed setting", () => {
    expect(() => readPaymentsEnv({ STRIPE_SECRET_KEY: "sk_test_x" })).toThrow(/STRIPE_WEBHOOK_SECRET is needed/);
    expect(() => readPaymentsEnv({ STRIPE_SECRET_KEY: "pk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" })).toThrow(/must be a Stripe secret key/);
  });
});
