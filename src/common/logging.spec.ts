import { createServer } from 'node:http';
import { Writable } from 'node:stream';
import pinoHttp, { Options } from 'pino-http';
import request from 'supertest';
import { loadConfig } from '../config/load-config';
import { loggingParams, redactUrl } from './logging';

describe(redactUrl.name, () => {
  it('removes personal-link tokens from paths and query strings', () => {
    expect(redactUrl('/p/AbC123_-xyz/seminarer?x=1')).toBe('/p/[token]/seminarer?x=1');
    expect(redactUrl('/evaluering?token=secret&lang=da')).toBe('/evaluering?token=[token]&lang=da');
    expect(redactUrl('/evaluering/AbC123_-xyz/tak')).toBe('/evaluering/[token]/tak');
  });

  it('leaves other URLs alone', () => {
    expect(redactUrl('/api/cycles/3/members?page=2')).toBe('/api/cycles/3/members?page=2');
  });
});

describe(loggingParams.name, () => {
  async function logLineFor(path: string, headers: Record<string, string>): Promise<Record<string, unknown>> {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const options = loggingParams(loadConfig({}, '/srv')).pinoHttp as Options;
    const logger = pinoHttp(options, sink);
    const server = createServer((req, res) => {
      logger(req, res);
      res.end('ok');
    });
    const res = await request(server).get(path).set(headers);
    expect(res.status).toBe(200);
    return JSON.parse(lines.at(-1) ?? '{}');
  }

  it('writes one JSON line per request with the request id, and no token or credentials', async () => {
    const line = await logLineFor('/p/hemmelig-token-123/tilmeld', {
      'X-Request-Id': 'trace-42',
      Authorization: 'Bearer eyJ.secret.sig',
      Cookie: 'kattegat_session=secret-session',
    });
    expect(line).toMatchObject({
      level: 30,
      service: 'kattegat',
      req: { id: 'trace-42', method: 'GET', url: '/p/[token]/tilmeld' },
      res: { statusCode: 200 },
    });
    expect(JSON.stringify(line)).not.toMatch(/hemmelig|eyJ|secret/);
  });

  it('makes up a request id when the caller sends none', async () => {
    const line = await logLineFor('/health', {});
    expect((line.req as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
