/** A TokenCredential for the loopback: hands out a fixed token and records the scopes asked for. */
export class RecordingCredential {
  readonly scopes: string[][] = [];

  constructor(private readonly token = 'loopback-test-token') {}

  async getToken(scopes: string | string[]): Promise<{ token: string; expiresOnTimestamp: number }> {
    this.scopes.push(Array.isArray(scopes) ? scopes : [scopes]);
    return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}
