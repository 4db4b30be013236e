import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const cookieName = 'grb_insights';
/** A sign-in lasts this long; the token itself never leaves the form or the header it came in. */
export const sessionMs = 8 * 60 * 60 * 1000;

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Who may see the insights: a request with `Authorization: Bearer <INSIGHTS_TOKEN>`, or with the
 * session cookie the sign-in form sets. The cookie holds an expiry and an HMAC of it keyed with the
 * token, so every replica checks it alike and changing the token signs everyone out. Every comparison
 * is constant-time over fixed-length digests.
 */
export class InsightsAuth {
  private readonly tokenDigest: Buffer;

  constructor(
    private readonly token: string,
    private readonly now: () => Date,
  ) {
    this.tokenDigest = digest(token);
  }

  tokenMatches(given: string): boolean {
    return timingSafeEqual(digest(given), this.tokenDigest);
  }

  allows(req: IncomingMessage): boolean {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer !== undefined) return this.tokenMatches(bearer);
    const cookie = cookieValue(req.headers.cookie);
    return cookie !== undefined && this.sessionValid(cookie);
  }

  /** The Set-Cookie of a new session: HttpOnly, SameSite=Strict, Secure when the request came over https. */
  signIn(secure: boolean): string {
    const expires = this.now().getTime() + sessionMs;
    const value = `${expires}.${this.mac(String(expires))}`;
    return `${cookieName}=${value}; Path=/insights; Max-Age=${sessionMs / 1000}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  }

  signOut(secure: boolean): string {
    return `${cookieName}=; Path=/insights; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  }

  private sessionValid(value: string): boolean {
    const [expires, mac] = value.split('.');
    if (!expires || !mac || !/^\d{1,15}$/.test(expires)) return false;
    if (Number(expires) <= this.now().getTime()) return false;
    const expected = Buffer.from(this.mac(expires));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(expires: string): string {
    return createHmac('sha256', this.token).update(`insights-session:${expires}`).digest('base64url');
  }
}

function cookieValue(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === cookieName) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Behind App Service or a proxy TLS ends before the bot: the forwarded scheme says whether the browser used https. */
export function cameOverHttps(req: IncomingMessage): boolean {
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return proto === 'https' || (req.socket as { encrypted?: boolean }).encrypted === true;
}
