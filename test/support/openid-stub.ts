import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback OpenID metadata endpoint in the Bot Framework's shape (metadata → jwks_uri → RSA keys
 * endorsed for msteams), and a signer for tokens as the Bot Connector would send them.
 */
export class OpenIdStub {
  readonly kid = 'test-signing-key';
  private readonly privateKey: KeyObject;
  private readonly jwk: Record<string, unknown>;
  private server: Server | undefined;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.jwk = {
      ...publicKey.export({ format: 'jwk' }),
      kid: this.kid,
      use: 'sig',
      endorsements: ['msteams'],
    };
  }

  get metadataUrl(): string {
    return `${this.base()}/v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/.well-known/openidconfiguration') {
        res.end(
          JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${this.base()}/v1/keys` }),
        );
      } else if (req.url === '/v1/keys') {
        res.end(JSON.stringify({ keys: [this.jwk] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** An RS256 JWT; `key` signs with another key (a forgery with our kid). */
  token(claims: Record<string, unknown>, key: KeyObject = this.privateKey): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: this.kid };
    const payload = { iss: 'https://api.botframework.com', nbf: now - 60, exp: now + 3600, ...claims };
    const input = `${b64(header)}.${b64(payload)}`;
    return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
  }

  static otherKey(): KeyObject {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }));
  }

  private base(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('OpenID stub is not started');
    return `http://127.0.0.1:${address.port}`;
  }
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
