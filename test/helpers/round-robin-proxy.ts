import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The smallest load balancer: each request goes to the next target in turn, method, path, headers
 * and body unchanged. Enough to prove that nothing depends on which instance answers.
 */
export async function startRoundRobinProxy(targets: string[] = []) {
  const served: number[] = [];
  // One connection per request: a kept-alive connection the instance closes after its idle timeout
  // (5 s) just as a new request is sent on it fails that request (ECONNRESET) — a proxy's race,
  // not the application's, seen here under load.
  const agent = new http.Agent({ keepAlive: false, maxSockets: 64 });
  let next = 0;
  const server = http.createServer((req, res) => {
    if (!targets.length) {
      res.writeHead(503).end();
      return;
    }
    const index = next % targets.length;
    next = index + 1;
    served[index] = (served[index] ?? 0) + 1;
    const target = new URL(targets[index]);
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host, connection: 'close' }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Instance injoignable : ${error.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Instances behind the proxy; may be filled once they run (their public URL is the proxy's). */
    targets,
    /** How many requests each target received, in the order of `targets`. */
    served,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
