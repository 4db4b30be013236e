import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Turn } from '../../bot/model.js';
import { isAllowedUser } from '../../dialogs/common/restore-policy.js';

const dialogsDir = new URL('../../dialogs/', import.meta.url);
const mine = readdirSync(dialogsDir).filter((f) => /^(restore|eligibility|check)-.*\.ts$/.test(f));

const turn = (channel: Turn['address']['channel'], id: string): Turn => ({
  address: { channel, conversationId: 'c' },
  user: { id },
  text: '',
});

describe('restore and eligibility dialogs stay pure logic over ports', () => {
  it.each(mine)('%s imports no adapter and no vendor SDK', (file) => {
    const source = readFileSync(new URL(file, dialogsDir), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
    expect(imports.filter((i) => /adapters\/|^@azure\/|^@slack\/|^botbuilder/.test(i))).toEqual([]);
  });
});

describe('the restore allowlist', () => {
  const policy = {
    enabled: true,
    allowedUsers: [
      { channel: 'slack', id: 'U0123ABCD' },
      { channel: 'teams', id: '6f1c2b9e-1111-4e2a-9c3d-0a1b2c3d4e5f' },
    ],
  };

  it('matches the channel and the immutable user id', () => {
    expect(isAllowedUser(policy, turn('slack', 'U0123ABCD'))).toBe(true);
    expect(isAllowedUser(policy, turn('teams', '6F1C2B9E-1111-4E2A-9C3D-0A1B2C3D4E5F'))).toBe(true);
  });

  it('does not let the same id through another channel, or a console user at all', () => {
    expect(isAllowedUser(policy, turn('teams', 'U0123ABCD'))).toBe(false);
    expect(isAllowedUser(policy, turn('console', 'U0123ABCD'))).toBe(false);
    expect(isAllowedUser(policy, turn('slack', 'u0123abcd'))).toBe(false);
  });
});
