import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { BlobStore } from '../../adapters/store/blob-store.js';
import type { RunRecord } from '../../dialogs/restore/run/restore-run-record.js';
import { SUB_A } from '../azure/loopback-ops.js';
import { buttonsOf, textOf } from '../e2e/e2e-bot.js';
import { slackPerson } from '../support/slack-person.js';
import { blockActions, FORM } from '../support/slack-requests.js';
import { REPLICA_ALICE, type TwoReplicas, useTwoReplicasOnAzurite } from '../support/two-replicas.js';

/**
 * Issue 20, item 4, with two bot processes on one Blob Storage account (Azurite): a burst of Start
 * clicks spread over both replicas tells nobody to try again while the restore runs, and a replica that
 * takes over a run whose PUT was sent but never recorded keeps looking while Azure does not show the new
 * server yet, instead of saying the restore did not start. The last test kills replica A.
 */

const replicas = useTwoReplicasOnAzurite('races');
let bots: TwoReplicas;
let store: BlobStore;
beforeAll(() => {
  bots = replicas.bots();
  store = replicas.store();
});

/** Alice's DM on replica A up to the Start button of a restore of `server`. */
async function toStart(alice: ReturnType<typeof slackPerson>, server: string) {
  bots.arm.addFlexibleServer({ subscriptionId: SUB_A, resourceGroup: 'rg-prod', name: server });
  const askName = await alice.dm(bots.a.slackUrl, `restore ${server}`);
  const askGroup = await alice.click(bots.a.slackUrl, askName, `Use ${server}-geo`);
  const summary = await alice.click(bots.a.slackUrl, askGroup, 'restore.group');
  expect(textOf(summary)).toMatch(new RegExp(`^Confirm the geo-restore of ${server}`));
  return alice.dm(bots.a.slackUrl, server);
}

describe('restores on two replicas', () => {
  it('answers 50 concurrent Start clicks on both replicas with the truth: one start, the rest "already started"', async () => {
    const alice = slackPerson(bots.stub, REPLICA_ALICE, 'D5');
    bots.arm.scriptRestores({ pollsUntilDone: 1_000_000 });
    const named = await toStart(alice, 'pg-burst');
    const start = buttonsOf(named).find((b) => b.text.text === 'Start geo-restore');
    const before = alice.messages().length;

    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        alice.post(
          i % 2 === 0 ? bots.a.slackUrl : bots.b.slackUrl,
          blockActions({
            actionId: start?.action_id ?? '',
            ...(start?.value !== undefined ? { value: start.value } : {}),
            responseUrl: bots.stub.responseUrl(`D5-burst-${i}`),
            userId: REPLICA_ALICE,
            channel: 'D5',
            messageTs: '1767300000.000001',
            actionTs: `1767300001.${String(i).padStart(6, '0')}`,
          }),
          FORM,
        ),
      ),
    );
    const answers = () =>
      alice
        .messages()
        .slice(before)
        .filter((c) => !textOf(c).startsWith('Geo-restore of '));
    await bots.stub.until(() => answers().length >= 50);

    const texts = answers().map(textOf);
    expect(texts.filter((t) => /could not save|try again/i.test(t))).toEqual([]);
    expect(texts.filter((t) => t.startsWith('Geo-restore started')).length).toBeLessThanOrEqual(1);
    expect(texts.every((t) => /^(Geo-restore started|This geo-restore is already started)/.test(t))).toBe(
      true,
    );
    expect(bots.arm.count('flexible.put')).toBe(1);
    bots.arm.finishRestores();
  }, 120_000);

  it('keeps looking for a server Azure does not show yet after taking over a PUT that was never recorded', async () => {
    const alice = slackPerson(bots.stub, REPLICA_ALICE, 'D6');
    bots.arm.scriptRestores({ pollsUntilDone: 1_000_000 });
    // A's PUT reaches Azure but its answer comes too late: A is killed first, so the run stays "putting".
    bots.arm.fail('flexible.put', { delayMs: 1500, times: 1 });
    const named = await toStart(alice, 'pg-lag');
    await alice.click(bots.a.slackUrl, named, 'Start geo-restore', (c) =>
      textOf(c).startsWith('Geo-restore started'),
    );
    await vi.waitFor(() => expect(bots.arm.count('flexible.put')).toBeGreaterThanOrEqual(2), {
      timeout: 30_000,
      interval: 20,
    });
    const runOf = async () =>
      (await store.list<RunRecord>('restore/run/'))
        .map((r) => r.value)
        .find((r) => r.request.source.name === 'pg-lag');
    expect((await runOf())?.phase).toBe('putting');
    await bots.a.kill();
    // Azure answers 404 for the new server a few more times while it creates it.
    bots.arm.fail('flexible.get', { status: 404, times: 4 });

    await bots.b.logged((l) => l.msg === 'restore.run.adopted');
    await vi.waitFor(async () => expect((await runOf())?.phase).toBe('watching'), {
      timeout: 60_000,
      interval: 50,
    });
    bots.arm.finishRestores();
    await bots.stub.until(() => alice.messages().some((c) => textOf(c).startsWith('Geo-restore complete\n')));

    expect(alice.messages().filter((c) => /did not start/.test(textOf(c)))).toEqual([]);
    expect(alice.messages().filter((c) => textOf(c).startsWith('Geo-restore complete\n'))).toHaveLength(1);
  }, 180_000);
});
