import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll } from 'vitest';
import type { Ticket } from '../../bot/ports/escalations.js';
import type { Scheduler } from '../../bot/ports/scheduler.js';
import { realMatcher } from '../support/shared-knowledge.js';
import type { StubCall } from '../support/slack-api-stub.js';
import { ALICE, type E2e, MALLORY, startE2e, textOf } from './e2e-bot.js';

/**
 * The Slack handoff tests' bot and readers: signed requests to the real edge, the loopback Slack Web
 * API (and the loopback ARM for restores), the support channel configured.
 */

export const SUPPORT = 'CSUPPORT1';
export const BOB = 'U0BOB0001';
export const DAVE = 'U0DAVE001';
export const ONCALL = 'S0ONCALL1';

/** Never fires on its own: the reminder test calls tick() after moving the clock. */
export const heldScheduler: Scheduler = { after: () => () => {} };

export let e2e: E2e;
let dataDir: string | undefined;

/** The bot with the support channel configured; `e2e` (a live binding) is the one started last. */
export async function start(extra: Parameters<typeof startE2e>[0] = {}) {
  e2e = await startE2e({
    env: {
      SUPPORT_SLACK_CHANNEL_ID: SUPPORT,
      SUPPORT_AGENTS: `slack:${BOB},slack:${ALICE},slack:${MALLORY}`,
      SUPPORT_ONCALL_SLACK: ONCALL,
      SUPPORT_RENOTIFY_MINUTES: '15',
    },
    reminderScheduler: heldScheduler,
    ...extra,
  });
  return e2e;
}

/** A data directory for a test that restarts the bot on the embedded store; removed by stop(). */
export function freshDataDir(): string {
  dataDir = mkdtempSync(join(tmpdir(), 'georestore-handoff-'));
  return dataDir;
}

export async function stop(): Promise<void> {
  await e2e?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
}

export const isCard = (c: StubCall) => c.args.channel === SUPPORT && textOf(c).startsWith('Ticket T-');
/** The ticket card as first posted in the support channel. */
export const cards = () => e2e.stub.accepted('chat.postMessage').filter(isCard);
/** The card's latest text: its last edit in place, or as posted. */
export function cardNow(card: StubCall | undefined): StubCall | undefined {
  const ts = (card?.args as { ts?: string } | undefined)?.ts ?? postedTs(card);
  const edits = e2e.stub.accepted('chat.update').filter((u) => u.args.ts === ts);
  return edits.at(-1) ?? card;
}
/** The ts Slack gave a posted message (the stub numbers them in order). */
export function postedTs(call: StubCall | undefined): string {
  const index = e2e.stub.calls.indexOf(call as StubCall);
  const all = e2e.stub.calls.filter((c) => c.method.startsWith('chat.post'));
  const n = all.indexOf(call as StubCall) + 1;
  if (index < 0 || n === 0) throw new Error('not a posted message');
  return `1767000000.${String(n).padStart(6, '0')}`;
}
export const tickets = async () => (await e2e.store.list<Ticket>('ticket/t/')).map((r) => r.value);
export const inChannel = (channel: string, thread?: string) =>
  e2e.stub
    .accepted('chat.postMessage')
    .filter((c) => c.args.channel === channel && (thread === undefined || c.args.thread_ts === thread));
export const until = (check: () => boolean) => e2e.stub.until(check);

/**
 * Does `act`, then waits for a message matching `pattern` posted after it. Turns run after their ack,
 * so a message of the previous turn (the ticket card, a notice) can still land in between.
 */
export async function expectPosted(
  act: () => Promise<unknown>,
  pattern: RegExp,
): Promise<StubCall | undefined> {
  const before = e2e.messages().length;
  await act();
  const posted = await e2e.postedAfter(before, (p) => p.some((c) => pattern.test(textOf(c))));
  return posted.find((c) => pattern.test(textOf(c)));
}
export type Who = ReturnType<E2e['as']>;
export const clickFor = (who: Who, on: StubCall | undefined, label: string, pattern: RegExp) =>
  expectPosted(() => who.click(on, label), pattern);
export const dmFor = (who: Who, text: string, pattern: RegExp) => expectPosted(() => who.dm(text), pattern);

/** Per test file: the shared matcher built before the first test's clock starts, the bot stopped after each test. */
export function useHandoffBot(): void {
  beforeAll(() => {
    realMatcher();
  }, 120_000);
  afterEach(() => stop());
}
