import { Agent, request } from 'node:http';

export type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; json<T = any>(): T };

/**
 * A signed-in client over keep-alive connections (node:http, cheaper than fetch, so the load
 * generator takes as little as possible of the CPU the server shares with it).
 */
export class HttpClient {
  cookie = '';
  csrf = '';
  private agent = new Agent({ keepAlive: true, maxSockets: 256 });
  constructor(readonly base: string) {}

  async signIn(email: string, password: string) {
    const res = await this.send('POST', '/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.body.toString()}`);
    const set = res.headers['set-cookie'];
    this.cookie = (Array.isArray(set) ? set[0]! : String(set)).split(';')[0]!;
    this.csrf = res.json().csrfToken;
  }

  send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const raw = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    return new Promise((ok, fail) => {
      const req = request(`${this.base}${path}`, {
        method, agent: this.agent,
        headers: {
          ...(this.cookie && { cookie: this.cookie, 'x-csrf-token': this.csrf }),
          ...(raw && !Buffer.isBuffer(body) && { 'content-type': 'application/json' }),
          ...(raw && { 'content-length': String(raw.length) }),
          ...headers,
        },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          ok({ status: res.statusCode!, headers: res.headers, body: buf, json: () => JSON.parse(buf.toString()) });
        });
        res.on('error', fail);
      });
      req.on('error', fail);
      req.end(raw);
    });
  }

  post = (path: string, body?: unknown) => this.send('POST', path, body);
  get = (path: string) => this.send('GET', path);
  close() { this.agent.destroy(); }
}
