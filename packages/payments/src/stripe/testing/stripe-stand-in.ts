// A local, stateful stand-in for the slice of Stripe's HTTP API the platform uses, so tests can
// drive the real `stripe` SDK (`new Stripe(key, { host, port, protocol: "http" })`) without the
// network: PaymentIntents (create with confirm, confirm, retrieve, capture, cancel; a card whose
// bank asks the customer to authenticate, answered through `authenticate`), refunds, transfers
// and their reversals, with Stripe's idempotency-key replay semantics (same key + same parameters: the
// stored response again, with `Idempotent-Replayed: true`; same key + other parameters: 400),
// the test PaymentMethods that decline, and injectable failures (a timeout whose request was
// still carried out, a 500). Every change also records the event Stripe would send, so tests can
// deliver webhooks in any order. Test support only: nothing in the shipped code imports it.
import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

type TObj = Record<string, unknown>;

export type TStandInPaymentIntent = {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  capture_method: "manual" | "automatic";
  status: "requires_payment_method" | "requires_confirmation" | "requires_action" | "requires_capture" | "succeeded" | "canceled";
  client_secret: string;
  next_action: TObj | null;
  payment_method: string | null;
  transfer_group: string | null;
  metadata: Record<string, string>;
  latest_charge: string | null;
  cancellation_reason: string | null;
  last_payment_error: TObj | null;
  created: number;
};

export type TStandInEvent = { id: string; object: "event"; type: string; created: number; api_version: string; livemode: false; data: { object: TObj }; pending_webhooks: 1; request: { id: null; idempotency_key: string | null } };

type TFailure = { kind: "timeout" | "server_error"; match: (method: string, path: string) => boolean };

/** Stripe's test PaymentMethods and what each does on confirmation. */
const DECLINES: Record<string, { code: string; decline_code?: string; message: string }> = {
  pm_card_chargeDeclined: { code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." },
  pm_card_visa_chargeDeclinedInsufficientFunds: { code: "card_declined", decline_code: "insufficient_funds", message: "Your card has insufficient funds." },
  pm_card_chargeDeclinedProcessingError: { code: "processing_error", message: "An error occurred while processing your card. Try again in a little bit." },
};

/** Stripe's test PaymentMethod whose bank asks the customer to authenticate every payment (3-D Secure). */
const AUTHENTICATION_REQUIRED = "pm_card_authenticationRequired";

/** Parses Stripe's form encoding (`a[b][0]=c`) into nested objects and arrays. */
export function parseStripeForm(body: string): TObj {
  const out: TObj = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = rawKey.replace(/\]/g, "").split("[");
    let node: TObj = out;
    path.forEach((k, i) => {
      if (i === path.length - 1) node[k] = value;
      else node = (node[k] ??= {}) as TObj;
    });
  }
  return out;
}

export type TStripeStandIn = Awaited<ReturnType<typeof startStripeStandIn>>;

export async function startStripeStandIn() {
  const paymentIntents = new Map<string, TStandInPaymentIntent>();
  const refunds = new Map<string, TObj>();
  const transfers = new Map<string, TObj>();
  const reversals = new Map<string, TObj>();
  const idempotent = new Map<string, { fingerprint: string; status: number; body: string }>();
  const events: TStandInEvent[] = [];
  const failures: TFailure[] = [];
  /** Every request that reached the stand-in, replays included: what the client actually sent. */
  const requests: { method: string; path: string; idempotencyKey: string | null; replayed: boolean }[] = [];
  let clock = Math.floor(Date.now() / 1000);

  const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
  const emit = (type: string, object: TObj, idempotencyKey: string | null) =>
    events.push({ id: newId("evt"), object: "event", type, created: clock, api_version: "2026-10-28.endive", livemode: false, data: { object: structuredClone(object) }, pending_webhooks: 1, request: { id: null, idempotency_key: idempotencyKey } });

  class ApiError extends Error {
    constructor(
      readonly status: number,
      readonly error: TObj,
    ) {
      super(String(error.message));
    }
  }
  const invalid = (message: string, extra: TObj = {}) => new ApiError(400, { type: "invalid_request_error", message, ...extra });
  const missing = (kind: string, id: string) => new ApiError(404, { type: "invalid_request_error", code: "resource_missing", message: `No such ${kind}: '${id}'` });
  const int = (v: unknown, name: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw invalid(`Invalid integer: ${name}`, { param: name });
    return n;
  };
  const pi = (id: string) => {
    const found = paymentIntents.get(id);
    if (!found) throw missing("payment_intent", id);
    return found;
  };

  function confirm(intent: TStandInPaymentIntent, key: string | null) {
    if (!intent.payment_method) throw invalid("You cannot confirm this PaymentIntent because it's missing a payment method.", { code: "payment_intent_unexpected_state" });
    const decline = DECLINES[intent.payment_method];
    const chargeId = newId("ch");
    intent.latest_charge = chargeId;
    if (decline) {
      intent.status = "requires_payment_method";
      intent.last_payment_error = { type: "card_error", ...decline, payment_method: { id: intent.payment_method } };
      emit("payment_intent.payment_failed", intent, key);
      throw new ApiError(402, { type: "card_error", ...decline, charge: chargeId, payment_intent: structuredClone(intent) });
    }
    if (intent.payment_method === AUTHENTICATION_REQUIRED) {
      // The bank's challenge runs in the customer's browser (Stripe.js); `authenticate` answers it.
      intent.status = "requires_action";
      intent.next_action = { type: "use_stripe_sdk", use_stripe_sdk: { type: "three_d_secure_redirect", stripe_js: `https://hooks.stripe.com/3d_secure_2/hosted?payment_intent=${intent.id}` } };
      emit("payment_intent.requires_action", intent, key);
      return;
    }
    authorized(intent, key);
  }

  function authorized(intent: TStandInPaymentIntent, key: string | null) {
    intent.next_action = null;
    intent.last_payment_error = null;
    if (intent.capture_method === "manual") {
      intent.status = "requires_capture";
      intent.amount_capturable = intent.amount;
      emit("payment_intent.amount_capturable_updated", intent, key);
    } else {
      intent.status = "succeeded";
      intent.amount_received = intent.amount;
      emit("payment_intent.succeeded", intent, key);
    }
  }

  function route(method: string, path: string, params: TObj, key: string | null): TObj {
    let m: RegExpMatchArray | null;
    if (method === "POST" && path === "/v1/payment_intents") {
      const piId = newId("pi");
      const intent: TStandInPaymentIntent = {
        id: piId,
        client_secret: `${piId}_secret_${randomBytes(8).toString("hex")}`,
        next_action: null,
        object: "payment_intent",
        amount: int(params.amount, "amount"),
        amount_capturable: 0,
        amount_received: 0,
        currency: String(params.currency ?? "").toLowerCase(),
        capture_method: params.capture_method === "manual" ? "manual" : "automatic",
        status: params.payment_method ? "requires_confirmation" : "requires_payment_method",
        payment_method: (params.payment_method as string | undefined) ?? null,
        transfer_group: (params.transfer_group as string | undefined) ?? null,
        metadata: (params.metadata as Record<string, string> | undefined) ?? {},
        latest_charge: null,
        cancellation_reason: null,
        last_payment_error: null,
        created: clock,
      };
      if (!intent.currency) throw invalid("Missing required param: currency.", { param: "currency" });
      paymentIntents.set(intent.id, intent);
      emit("payment_intent.created", intent, key);
      if (params.confirm === "true") confirm(intent, key);
      return intent;
    }
    if ((m = path.match(/^\/v1\/payment_intents\/([^/]+)$/)) && method === "GET") return pi(m[1] ?? "");
    if ((m = path.match(/^\/v1\/payment_intents\/([^/]+)\/confirm$/)) && method === "POST") {
      const intent = pi(m[1] ?? "");
      if (params.payment_method) intent.payment_method = String(params.payment_method);
      confirm(intent, key);
      return intent;
    }
    if ((m = path.match(/^\/v1\/payment_intents\/([^/]+)\/capture$/)) && method === "POST") {
      const intent = pi(m[1] ?? "");
      if (intent.status !== "requires_capture") throw invalid(`This PaymentIntent could not be captured because it has a status of ${intent.status}.`, { code: "payment_intent_unexpected_state", payment_intent: structuredClone(intent) });
      const amount = params.amount_to_capture === undefined ? intent.amount_capturable : int(params.amount_to_capture, "amount_to_capture");
      if (amount > intent.amount_capturable) throw invalid(`The amount to capture (${amount}) is greater than the amount capturable (${intent.amount_capturable}).`, { param: "amount_to_capture" });
      // Capturing less releases the rest of the hold: the PaymentIntent is done either way.
      intent.amount_received = amount;
      intent.amount_capturable = 0;
      intent.status = "succeeded";
      emit("payment_intent.succeeded", intent, key);
      return intent;
    }
    if ((m = path.match(/^\/v1\/payment_intents\/([^/]+)\/cancel$/)) && method === "POST") {
      const intent = pi(m[1] ?? "");
      if (intent.status === "succeeded" || intent.status === "canceled") throw invalid(`You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`, { code: "payment_intent_unexpected_state", payment_intent: structuredClone(intent) });
      intent.status = "canceled";
      intent.amount_capturable = 0;
      intent.next_action = null;
      intent.cancellation_reason = (params.cancellation_reason as string | undefined) ?? null;
      emit("payment_intent.canceled", intent, key);
      return intent;
    }
    if (method === "POST" && path === "/v1/refunds") {
      const intent = pi(String(params.payment_intent ?? ""));
      if (intent.status !== "succeeded") throw invalid("This PaymentIntent has no successful charge to refund.", { code: "charge_not_refundable" });
      const already = [...refunds.values()].filter((r) => r.payment_intent === intent.id).reduce((s, r) => s + Number(r.amount), 0);
      const amount = params.amount === undefined ? intent.amount_received - already : int(params.amount, "amount");
      if (amount <= 0 || already + amount > intent.amount_received) throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${intent.amount_received - already}).`, { code: "amount_too_large" });
      const refund = { id: newId("re"), object: "refund", amount, currency: intent.currency, payment_intent: intent.id, charge: intent.latest_charge, status: "succeeded", metadata: params.metadata ?? {}, created: clock };
      refunds.set(refund.id, refund);
      emit("refund.created", refund, key);
      emit("charge.refunded", { id: intent.latest_charge, object: "charge", payment_intent: intent.id, amount: intent.amount_received, amount_refunded: already + amount, refunded: already + amount === intent.amount_received }, key);
      return refund;
    }
    if (method === "GET" && path === "/v1/refunds") {
      const data = [...refunds.values()].filter((r) => !params.payment_intent || r.payment_intent === params.payment_intent);
      return { object: "list", url: "/v1/refunds", has_more: false, data };
    }
    if (method === "POST" && path === "/v1/transfers") {
      const destination = String(params.destination ?? "");
      if (!/^acct_/.test(destination)) throw invalid(`No such destination: '${destination}'`, { param: "destination" });
      if (params.source_transaction && ![...paymentIntents.values()].some((p) => p.latest_charge === params.source_transaction && p.status === "succeeded")) {
        throw invalid(`No such charge: '${String(params.source_transaction)}'`, { param: "source_transaction" });
      }
      const transfer = { id: newId("tr"), object: "transfer", amount: int(params.amount, "amount"), amount_reversed: 0, currency: String(params.currency).toLowerCase(), destination, transfer_group: params.transfer_group ?? null, source_transaction: params.source_transaction ?? null, metadata: params.metadata ?? {}, reversed: false, created: clock };
      transfers.set(transfer.id, transfer);
      emit("transfer.created", transfer, key);
      return transfer;
    }
    if ((m = path.match(/^\/v1\/transfers\/([^/]+)\/reversals$/)) && method === "POST") {
      const transfer = transfers.get(m[1] ?? "");
      if (!transfer) throw missing("transfer", m[1] ?? "");
      const left = Number(transfer.amount) - Number(transfer.amount_reversed);
      const amount = params.amount === undefined ? left : int(params.amount, "amount");
      if (amount <= 0 || amount > left) throw invalid(`Reversal amount (${amount}) is greater than the transfer's unreversed amount (${left}).`, { param: "amount" });
      const reversal = { id: newId("trr"), object: "transfer_reversal", amount, currency: transfer.currency, transfer: transfer.id, metadata: params.metadata ?? {}, created: clock };
      transfer.amount_reversed = Number(transfer.amount_reversed) + amount;
      transfer.reversed = transfer.amount_reversed === transfer.amount;
      reversals.set(reversal.id, reversal);
      emit("transfer.reversed", transfer, key);
      return reversal;
    }
    throw new ApiError(404, { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` });
  }

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      let data = "";
      req.setEncoding("utf8");
      req.on("data", (c: string) => (data += c));
      req.on("end", () => resolve(data));
      req.on("error", reject);
    });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://stand-in");
    const body = await readBody(req);
    const params = parseStripeForm(method === "GET" ? url.searchParams.toString() : body);
    const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
    const send = (status: number, payload: string, replayed = false) => {
      res.writeHead(status, { "content-type": "application/json", "request-id": newId("req"), ...(replayed ? { "idempotent-replayed": "true" } : {}) });
      res.end(payload);
    };
    if (!/^Bearer sk_(test|live)_/.test(req.headers.authorization ?? "")) {
      return send(401, JSON.stringify({ error: { type: "invalid_request_error", message: "Invalid API Key provided." } }));
    }
    const fingerprint = createHash("sha256").update(`${method} ${url.pathname} ${body}`).digest("hex");
    const stored = key && method === "POST" ? idempotent.get(key) : undefined;
    requests.push({ method, path: url.pathname, idempotencyKey: key, replayed: !!stored });
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        return send(400, JSON.stringify({ error: { type: "idempotency_error", message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.` } }));
      }
      return send(stored.status, stored.body, true);
    }
    const failure = failures.findIndex((f) => f.match(method, url.pathname));
    const planned = failure >= 0 ? failures.splice(failure, 1)[0] : undefined;
    if (planned?.kind === "server_error") return send(500, JSON.stringify({ error: { type: "api_error", message: "Stand-in: injected server error." } }));

    let status = 200;
    let payload: string;
    try {
      payload = JSON.stringify(route(method, url.pathname, params, key));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status = error.status;
      payload = JSON.stringify({ error: error.error });
    }
    // Stripe stores the outcome of any request that reached it (declines included) under its key.
    if (key && method === "POST" && status !== 500) idempotent.set(key, { fingerprint, status, body: payload });
    // A timeout: the work is done, but the answer never reaches the client, which gives up.
    if (planned?.kind === "timeout") return;
    send(status, payload);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { type: "api_error", message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    host: "127.0.0.1",
    port,
    /** Options for `new Stripe(key, …)` that point the SDK here. */
    clientOptions: { host: "127.0.0.1", port, protocol: "http" as const },
    paymentIntents,
    refunds,
    transfers,
    reversals,
    events,
    requests,
    /** The next request matching `path` (a regexp on the URL path) fails this way, once. */
    failNext(kind: TFailure["kind"], path: RegExp, method = "POST") {
      failures.push({ kind, match: (mth, p) => mth === method && path.test(p) });
    },
    /** Moves Stripe's clock (seconds), so events carry later `created` stamps. */
    advance(seconds: number) {
      clock += seconds;
    },
    /**
     * The customer answers their bank's challenge (what Stripe.js does in the browser): the
     * PaymentIntent is authorised, or back at `requires_payment_method` with Stripe's
     * authentication-failure error.
     */
    authenticate(id: string, outcome: "succeed" | "fail") {
      const intent = pi(id);
      if (intent.status !== "requires_action") throw new Error(`stand-in: ${id} is ${intent.status}, not waiting for authentication`);
      if (outcome === "succeed") return authorized(intent, null);
      intent.status = "requires_payment_method";
      intent.next_action = null;
      intent.last_payment_error = { type: "invalid_request_error", code: "payment_intent_authentication_failure", message: "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again." };
      emit("payment_intent.payment_failed", intent, null);
    },
    /** What Stripe does when a hold lapses: cancels the PaymentIntent and says so. */
    expireAuthorization(id: string) {
      const intent = pi(id);
      intent.status = "canceled";
      intent.amount_capturable = 0;
      intent.cancellation_reason = "automatic";
      emit("payment_intent.canceled", intent, null);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
