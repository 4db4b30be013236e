import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../adapters/store/memory-store.js';
import { Actions } from '../../bot/model.js';
import type { Ticket } from '../../bot/ports/escalations.js';
import { figuresKey, logKey } from '../../insights/record/insights-keys.js';
import { StoreRecorder } from '../../insights/record/store-recorder.js';
import { readPeriod } from '../../insights/report/read-period.js';
import { button, createTestBot } from '../support/create-test-bot.js';
import { ManualClock, sequentialIds } from '../support/manual-clock.js';
import { candidates, scriptedKnowledge } from '../support/scripted-knowledge.js';

const kb = scriptedKnowledge({
  'backup region thing': {
    outcome: 'clarify',
    candidates: candidates('what-is-geo-backup', 'copy-frequency'),
  },
  'blorp the flux capacitor': { outcome: 'nomatch' },
  'mail bob@contoso.com about 10.0.0.7': { outcome: 'nomatch' },
});
const day = 86_400_000;

describe('what the engine records for the insights', () => {
  it('counts each question once by outcome and topic, and a "did you mean" by how it was answered', async () => {
    const bot = createTestBot({ kb });
    await bot.from('U1').send('blorp the flux capacitor');
    const [clarify] = await bot.from('U1').send('backup region thing');
    const pick = button(clarify, Actions.pick);
    await bot.from('U1').click(pick.id, pick.value);
    const [again] = await bot.from('U2').send('backup region thing');
    const none = button(again, 'None of these');
    await bot.from('U2').click(none.id, none.value);
    await bot.from('U2').send('help');

    const [figures] = (await readPeriod(bot.store, bot.clock.now(), 1)).figures;
    expect(figures?.counts).toEqual({
      'ask|nomatch|console': 1,
      'ask|clarify|console': 2,
      'topic|what-is-geo-backup|asked|console': 2,
      'topic|what-is-geo-backup|clarify|console': 2,
      'picked|console': 1,
      'topic|what-is-geo-backup|picked|console': 1,
      'declined|console': 1,
    });
    const questions = await bot.questions();
    expect(questions.map((q) => [q.outcome, q.text])).toEqual([
      ['nomatch', 'blorp the flux capacitor'],
      ['clarify', 'backup region thing'],
      ['clarify', 'backup region thing'],
      ['declined', 'backup region thing'],
    ]);
    // The same person has the same pseudonym; two people have two.
    expect(new Set(questions.map((q) => q.who)).size).toBe(2);
    expect(questions[0]?.who).toBe(questions[1]?.who);
  });

  it('keeps no e-mail address, IP address or user id, and keys the pseudonym with the configured key', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const record = (key?: string) =>
      new StoreRecorder({
        store,
        ids: sequentialIds(),
        retentionMs: 90 * day,
        now: () => clock.now(),
        ...(key ? { pseudonymKey: key } : {}),
      });
    const facts = { at: clock.now(), channel: 'slack' as const, userId: 'U0ALICE01' };
    const asked = {
      kind: 'ask' as const,
      outcome: 'nomatch' as const,
      text: 'mail bob@contoso.com about 10.0.0.7',
      considered: [],
    };
    await record('a'.repeat(32)).record(facts, asked);
    await record('b'.repeat(32)).record(facts, asked);
    await record().record(facts, asked);
    const { questions } = await readPeriod(store, clock.now(), 1);
    expect(questions.map((q) => q.text)).toEqual(Array(3).fill('mail <email> about <ip>'));
    expect(new Set(questions.map((q) => q.who)).size).toBe(3);
    expect(JSON.stringify(await store.list(''))).not.toMatch(/U0ALICE01|contoso|10\.0\.0\.7/);
    // Without a configured key the bot makes one, once, and keeps it.
    expect(await store.read('insights/pseudonym-key')).toBeDefined();
  });

  it('adds up concurrent turns exactly, rolling the question log to a new page after a hundred', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const recorder = new StoreRecorder({
      store,
      ids: sequentialIds(),
      retentionMs: 90 * day,
      now: () => clock.now(),
    });
    const at = clock.now();
    await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        recorder.record(
          { at, channel: i % 2 ? 'teams' : 'slack', userId: `U${i}` },
          { kind: 'ask', outcome: 'nomatch', text: `question ${i}`, considered: [] },
        ),
      ),
    );
    const { questions, figures } = await readPeriod(store, at, 1);
    expect(questions).toHaveLength(150);
    expect(new Set(questions.map((q) => q.text)).size).toBe(150);
    expect(figures[0]?.counts).toEqual({ 'ask|nomatch|slack': 75, 'ask|nomatch|teams': 75 });
    expect(await store.read(logKey(at.toISOString().slice(0, 10), 1))).toBeDefined();
  });

  it('records tickets opened, claimed and resolved with the times they took', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock('2026-01-10T12:00:00Z');
    const recorder = new StoreRecorder({
      store,
      ids: sequentialIds(),
      retentionMs: 90 * day,
      now: () => clock.now(),
    });
    const ticket = {
      id: 't1',
      ref: 'T-T1',
      reason: 'asked',
      requester: { channel: 'teams', id: 'a' },
      createdAt: '2026-01-10T12:00:00.000Z',
      claimedAt: '2026-01-10T12:05:00.000Z',
      resolvedAt: '2026-01-10T13:00:00.000Z',
    } as Ticket;
    await recorder.ticketChanged('opened', ticket, clock.now());
    await recorder.ticketChanged('claimed', ticket, clock.now());
    await recorder.ticketChanged('resolved', ticket, clock.now());
    const [figures] = (await readPeriod(store, clock.now(), 1)).figures;
    expect(figures).toMatchObject({
      counts: {
        'ticket|opened|teams': 1,
        'ticket|claimed|teams': 1,
        'ticket|resolved|teams': 1,
        'reason|asked|teams': 1,
      },
      claim: [{ s: 300, c: 'teams' }],
      resolve: [{ s: 3600, c: 'teams' }],
      resolved: [{ id: 't1', ref: 'T-T1', channel: 'teams' }],
    });
  });

  it('lets a day of figures and questions expire with the retention, and the sweep remove it', async () => {
    const clock = new ManualClock('2026-01-10T12:00:00Z');
    const store = new MemoryStore(clock);
    const recorder = new StoreRecorder({
      store,
      ids: sequentialIds(),
      retentionMs: 3 * day,
      now: () => clock.now(),
    });
    await recorder.record(
      { at: clock.now(), channel: 'slack', userId: 'U1' },
      { kind: 'ask', outcome: 'nomatch', text: 'blorp', considered: [] },
    );
    clock.advance(3 * day);
    expect(await store.sweep()).toBe(0);
    expect(await store.read(figuresKey('2026-01-10'))).toBeDefined();
    clock.advance(12 * 3600_000 + 1);
    expect(await store.sweep()).toBe(2);
    expect(await store.list('insights/day/')).toEqual([]);
    expect(await store.list('insights/log/')).toEqual([]);
  });
});
