import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { BlobStore } from '../../adapters/store/blob-store.js';
import type { RunRecord } from '../../dialogs/restore/run/restore-run-record.js';
import { readPeriod } from '../../insights/report/read-period.js';
import { SUB_A } from '../azure/loopback-ops.js';
import { textOf } from '../e2e/e2e-bot.js';
import type { StubCall } from '../support/slack-api-stub.js';
import { slackPerson } from '../support/slack-person.js';
import { REPLICA_ALICE, type TwoReplicas, useTwoReplicasOnAzurite } from '../support/two-replicas.js';

/**
 * Issue 7, items 2 and 3: two bot processes on one Blob Storage account (Azurite), each request sent to
 * the replica the test picks. The processes are started once for the file (each builds its model); the
 * last test kills replica A, so it stays last.
 */

const replicas = useTwoReplicasOnAzurite('replicas');
let bots: TwoReplicas;
let store: BlobStore;
beforeAll(() => {
  bots = replicas.bots();
  store = replicas.store();
});
beforeAll(() => {
  bots.arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-prod', name: 'pg-orders' });
});

const titled = (calls: StubCall[], title: string) => calls.filter((c) => textOf(c).startsWith(`${title}\n`));

/** Walks the restore dialog to the Start button, each turn on the replica `on` names (A or B). */
async function toStart(person: ReturnType<typeof slackPerson>, on: (turn: number) => string) {
  const askName = await person.dm(on(0), 'restore pg-orders');
  expect(textOf(askName)).toContain('The new server will be created in westus');
  const askGroup = await person.click(on(1), askName, 'Use pg-orders-geo');
  const summary = await person.click(on(2), askGroup, 'restore.group');
  expect(textOf(summary)).toMatch(/^Confirm the geo-restore of pg-orders/);
  const named = await person.dm(on(3), 'pg-orders');
  expect(textOf(named)).toMatch(/^Name confirmed\. Click Start geo-restore to create pg-orders-geo/);
  return named;
}

describe('two bot processes on one shared store', () => {
  it('continues a conversation whose turns alternate between the replicas', async () => {
    const alice = slackPerson(bots.stub, REPLICA_ALICE, 'D1');
    const replica = (turn: number) => (turn % 2 === 0 ? bots.a.slackUrl : bots.b.slackUrl);

    // Each answer below needs the state the other replica saved on the turn before.
    const named = await toStart(alice, replica);

    expect(textOf(named)).toContain('pg-orders-geo in westus');
    expect(bots.arm.count('flexible.put')).toBe(0);
  });

  it('answers once when both replicas receive the same Slack delivery (a retry)', async () => {
    const alice = slackPerson(bots.stub, REPLICA_ALICE, 'D3');
    const envelope = alice.dmEnvelope('what is geo-restore?');
    const eventId = (JSON.parse(envelope) as { event_id: string }).event_id;
    const ignored = (l: { msg?: string; key?: unknown }) =>
      l.msg === 'slack.duplicate.ignored' && l.key === `slack:seen:event:${eventId}`;

    await Promise.all([
      alice.post(bots.a.slackUrl, envelope),
      alice.post(bots.b.slackUrl, envelope, undefined, {
        'x-slack-retry-num': '1',
        'x-slack-retry-reason': 'http_timeout',
      }),
    ]);
    await Promise.race([bots.a.logged(ignored), bots.b.logged(ignored)]);
    await bots.stub.until(() => alice.messages().length > 0);

    expect(alice.messages()).toHaveLength(1);
    expect(textOf(alice.messages()[0])).toMatch(/geo-restore/i);
  });

  it('counts in the insights every question either replica answered, once (issue 21)', async () => {
    const answered = async () =>
      (await readPeriod(store, new Date(), 1)).figures[0]?.counts['ask|answered|slack'] ?? 0;
    const before = await answered();
    const people = Array.from({ length: 12 }, (_, i) => slackPerson(bots.stub, `U0PEOPLE${i}`, `D9${i}`));
    const replies = await Promise.all(
      people.map((p, i) => p.dm(i % 2 ? bots.a.slackUrl : bots.b.slackUrl, 'what is geo-redundant backup')),
    );
    expect(replies.every((r) => /geo-redundant/i.test(textOf(r)))).toBe(true);
    expect((await answered()) - before).toBe(12);
  });

  it('finishes a restore on replica B, with one completion message, after replica A was killed while polling it', async () => {
    const alice = slackPerson(bots.stub, REPLICA_ALICE, 'D2');
    bots.arm.scriptRestores({ pollsUntilDone: 1_000_000, retryAfterSeconds: 1 });
    const named = await toStart(alice, () => bots.a.slackUrl);
    const started = await alice.click(bots.a.slackUrl, named, 'Start geo-restore', (c) =>
      textOf(c).startsWith('Geo-restore started'),
    );
    expect(textOf(started)).toMatch(/^Geo-restore started: pg-orders to pg-orders-geo/);
    // A has polled and saved what it saw: the run is in the store with its poller handle.
    await vi.waitFor(
      async () => {
        const [run] = await store.list<RunRecord>('restore/run/');
        expect(run?.value).toMatchObject({ phase: 'polling', checks: expect.any(Number) });
        expect(run?.value.checks).toBeGreaterThan(0);
      },
      { timeout: 30_000, interval: 20 },
    );

    await bots.a.kill();
    const pollsBeforeB = bots.arm.count('asyncOperation');
    await bots.b.logged((l) => l.msg === 'restore.run.adopted');
    await vi.waitFor(
      () => {
        const problems = bots.b.logs.filter((l) => l.level === 'warn' || l.level === 'error');
        expect(bots.arm.count('asyncOperation'), JSON.stringify(problems.slice(0, 3))).toBeGreaterThan(
          pollsBeforeB,
        );
      },
      { timeout: 30_000, interval: 20 },
    );
    bots.arm.finishRestores();
    await bots.stub.until(() => titled(alice.messages(), 'Geo-restore complete').length > 0);
    await vi.waitFor(
      async () => {
        const [run] = await store.list<RunRecord>('restore/run/');
        expect(run?.value.phase).toBe('done');
      },
      { timeout: 30_000, interval: 50 },
    );

    expect(bots.arm.count('flexible.put')).toBe(1);
    expect(titled(alice.messages(), 'Geo-restore complete')).toHaveLength(1);
    const progress = bots.stub
      .accepted('chat.postMessage')
      .filter((c) => c.args.channel === 'D2' && textOf(c).startsWith('Geo-restore of pg-orders to '));
    expect(progress).toHaveLength(1);
    // A's progress message, edited in place by A and then by B, which ended it.
    const edits = bots.stub.accepted('chat.update').filter((c) => c.args.channel === 'D2');
    expect(new Set(edits.map((e) => e.args.ts)).size).toBe(1);
    expect(textOf(edits.at(-1))).toContain('Finished: the new server is ready.');
  }, 120_000);
});
