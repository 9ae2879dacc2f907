// A local stand-in for Resend's HTTP API (POST /emails), for tests that send through the real
// `resend` SDK via RESEND_BASE_URL / `baseUrl`. It keeps what it received, answers with an id,
// honours Idempotency-Key like Resend (same key: the first answer again), and can be told to fail
// the next requests with a status. Test support only.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type TCaughtEmail = { id: string; from: string; to: string[]; subject: string; html?: string; text?: string; idempotencyKey: string | null; authorization: string | null };

export async function startResendCatcher() {
  const received: TCaughtEmail[] = [];
  const byKey = new Map<string, string>();
  const failures: { status: number; body: unknown }[] = [];
  let requests = 0;
  const server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (raw += c));
    req.on("end", () => {
      requests += 1;
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.method !== "POST" || req.url !== "/emails") return reply(404, { statusCode: 404, name: "not_found", message: `No route ${req.method} ${req.url}` });
      const failure = failures.shift();
      if (failure) return reply(failure.status, failure.body);
      const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
      const replay = key ? byKey.get(key) : undefined;
      if (replay) return reply(200, { id: replay });
      const body = JSON.parse(raw) as Omit<TCaughtEmail, "id" | "idempotencyKey" | "authorization">;
      const id = randomUUID();
      if (key) byKey.set(key, id);
      received.push({ ...body, to: Array.isArray(body.to) ? body.to : [body.to], id, idempotencyKey: key, authorization: req.headers.authorization ?? null });
      reply(200, { id });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    requests: () => requests,
    /** The next request is answered with this status (Resend's error shape). */
    failNext(status: number, name = status >= 500 ? "internal_server_error" : "validation_error", message = `Catcher: injected ${status}`) {
      failures.push({ status, body: { statusCode: status, name, message } });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
