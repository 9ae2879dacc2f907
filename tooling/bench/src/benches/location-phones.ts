// The location benchmark's fleet of phones, in a process of its own (forked by location.ts) so
// that generating load does not compete with the API for its event loop: the API's latency and
// CPU per report are then the API's. The parent sends one phase at a time and gets its figures.
import http from "node:http";

import autocannon from "autocannon";

export type TPhase = {
  origin: string;
  path: string;
  /** Where each phone starts; phone i sends as courier i (the `x-bench-courier` header). */
  fleet: { lng: number; lat: number }[];
  pointsPerReport: number;
  durationS: number;
  /** The device clock of the first fix (ms since the epoch). */
  start: number;
  /** Reports sent before this phase, so every phone keeps moving forwards across phases. */
  firstReport: number;
  /** Reports per second, paced; none means as fast as the server answers (autocannon). */
  rate?: number;
};

export type TPhaseResult = {
  ok: number;
  failed: number;
  p50: number;
  p99: number;
  acceptedPoints: number;
  rejectedPoints: number;
  sent: number;
};

async function runPhase(p: TPhase): Promise<TPhaseResult> {
  const couriers = p.fleet.length;
  let sent = p.firstReport;
  let acceptedPoints = 0;
  let rejectedPoints = 0;

  // Each report carries fixes 1 s apart, riding north-east at ~5 m/s.
  const body = (k: number) => {
    const i = k % couriers;
    const step = Math.floor(k / couriers);
    const c = p.fleet[i] as { lng: number; lat: number };
    const positions = Array.from({ length: p.pointsPerReport }, (_, j) => {
      const s = step * p.pointsPerReport + j;
      return {
        lng: c.lng + s * 0.00004,
        lat: c.lat + s * 0.00003,
        recordedAt: new Date(p.start + s * 1000).toISOString(),
        headingDeg: 45,
        speedMps: 5,
        accuracyM: 8,
      };
    });
    return { i, json: JSON.stringify({ json: { positions } }) };
  };
  const count = (status: number, resBody: string) => {
    if (status !== 200) return false;
    const r = (
      JSON.parse(resBody) as {
        result?: { data?: { json?: { accepted: number; rejected: unknown[] } } };
      }
    ).result?.data?.json;
    acceptedPoints += r?.accepted ?? 0;
    rejectedPoints += r?.rejected.length ?? 0;
    return true;
  };
  const url = new URL(p.path, p.origin);
  const headers = (i: number) => ({
    "content-type": "application/json",
    origin: p.origin,
    "x-bench-courier": String(i),
  });
  const post = (agent: http.Agent, k: number) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { i, json } = body(k);
      const req = http.request(url, { method: "POST", agent, headers: headers(i) }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(json);
    });

  /**
   * Paced the way phones report: each phone keeps its own connection and sends every
   * `couriers / rate` seconds from its own random phase, so reports arrive spread over time as
   * they do from a fleet (autocannon's `overallRate` instead fires each second's quota at the
   * start of the second). Latency runs from the time a report was due, not when it was sent, so
   * a slow server cannot hide behind a waiting phone.
   */
  const paced = async (rate: number) => {
    const periodMs = (couriers / rate) * 1000;
    const endAt = performance.now() + p.durationS * 1000;
    const latencies: number[] = [];
    let ok = 0;
    let failed = 0;
    const phone = async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      let due = performance.now() + Math.random() * periodMs;
      while (due < endAt) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        try {
          const res = await post(agent, sent++);
          if (count(res.status, res.body)) ok++;
          else failed++;
        } catch {
          failed++;
        }
        latencies.push(performance.now() - due);
        due += periodMs;
      }
      agent.destroy();
    };
    await Promise.all(Array.from({ length: couriers }, () => phone()));
    latencies.sort((a, b) => a - b);
    const pct = (q: number) =>
      Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
    return { ok, failed, p50: pct(0.5), p99: pct(0.99) };
  };

  /** Saturation: autocannon, every connection sending again as soon as it is answered. */
  const flatOut = async () => {
    const result = await autocannon({
      url: p.origin,
      connections: couriers,
      duration: p.durationS,
      requests: [
        {
          method: "POST",
          path: url.pathname,
          setupRequest: (req) => {
            const { i, json } = body(sent++);
            return { ...req, body: json, headers: { ...req.headers, ...headers(i) } };
          },
          onResponse: (status, resBody) => void count(status, resBody),
        },
      ],
    });
    return {
      ok: result.requests.total - result.non2xx - result.errors,
      failed: result.non2xx + result.errors + result.timeouts,
      p50: result.latency.p50,
      p99: result.latency.p99,
    };
  };

  const figures = p.rate ? await paced(p.rate) : await flatOut();
  return { ...figures, acceptedPoints, rejectedPoints, sent };
}

process.on("message", (phase: TPhase) => {
  void runPhase(phase).then((result) => process.send?.(result));
});
