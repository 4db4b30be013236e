import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../bot/ports/escalations.js';
import { Pseudonyms } from '../../insights/record/pseudonyms.js';
import { StoreRecorder } from '../../insights/record/store-recorder.js';
import { readPeriod } from '../../insights/report/read-period.js';
import { azuriteStores } from '../support/azurite-stores.js';
import { ManualClock, sequentialIds } from '../support/manual-clock.js';

/**
 * Issue 21, item 3, on the shared store: two replicas (two recorders, each with its own Blob Storage
 * client, on one container in Azurite) record at the same time into the same day's documents; every
 * count and every question lands once, through eTag conflicts and retries. Then the day expires and
 * the sweep of either replica removes it.
 */

const azurite = azuriteStores('insights');
const day = 86_400_000;

describe('the insights on the shared store with two replicas', () => {
  it('adds up every turn and ticket of both replicas exactly, and the sweep removes the expired day', async () => {
    const clock = new ManualClock('2026-03-02T10:00:00Z');
    const container = azurite.freshContainer();
    const [storeA, storeB] = [await azurite.openIn(container, clock), await azurite.openIn(container, clock)];
    const replica = (store: typeof storeA, name: string) =>
      new StoreRecorder({ store, ids: sequentialIds(name), retentionMs: 7 * day, now: () => clock.now() });
    const [a, b] = [replica(storeA, 'a'), replica(storeB, 'b')];
    const at = clock.now();
    const turns = 40;
    const ask = (r: StoreRecorder, i: number, who: string) =>
      r.record(
        { at, channel: i % 2 ? 'slack' : 'teams', userId: `${who}${i % 5}` },
        i % 4 === 0
          ? { kind: 'ask', outcome: 'answered', text: `answered ${i}`, topic: 'rpo-rto', considered: [] }
          : { kind: 'ask', outcome: 'nomatch', text: `${who} question ${i}`, considered: [] },
      );
    const ticket = (id: string) =>
      ({
        id,
        ref: id,
        reason: 'asked',
        requester: { channel: 'slack', id: 'U1' },
        createdAt: at.toISOString(),
      }) as Ticket;
    await Promise.all([
      ...Array.from({ length: turns }, (_, i) => ask(a, i, 'A')),
      ...Array.from({ length: turns }, (_, i) => ask(b, i, 'B')),
      ...['t1', 't2', 't3'].map((id) => a.ticketChanged('opened', ticket(id), at)),
      ...['t4', 't5'].map((id) => b.ticketChanged('opened', ticket(id), at)),
    ]);

    const { figures, questions } = await readPeriod(storeA, at, 1);
    expect(figures[0]?.counts).toEqual({
      'ask|answered|teams': 20,
      'ask|nomatch|teams': 20,
      'ask|nomatch|slack': 40,
      'topic|rpo-rto|asked|teams': 20,
      'ticket|opened|slack': 5,
      'reason|asked|slack': 5,
    });
    expect(questions).toHaveLength(60);
    expect(new Set(questions.map((q) => q.text)).size).toBe(60);
    // Ten (channel, person) pairs on each replica's side; both replicas use the one key the first made.
    expect(new Set(questions.map((q) => q.who)).size).toBe(20);
    const [pa, pb] = [new Pseudonyms(storeA), new Pseudonyms(storeB)];
    expect(await pa.of('slack', 'U0SOMEONE')).toBe(await pb.of('slack', 'U0SOMEONE'));

    clock.advance(9 * day);
    expect(await storeB.sweep('insights/')).toBeGreaterThanOrEqual(2);
    const after = await readPeriod(storeA, new Date(at), 1);
    expect(after.questions).toEqual([]);
    expect(after.figures[0]?.counts).toEqual({});
  }, 120_000);
});
