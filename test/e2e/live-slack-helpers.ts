import { expect } from 'vitest';
import type { PostgresOps } from '../../bot/ports/postgres-ops.js';
import type { StubCall } from '../support/slack-api-stub.js';
import { ALICE, type E2e, labelsOf, SUB_A, textOf } from './e2e-bot.js';

/** What the live-Azure Slack tests share: the pg-orders server, the way to its summary, and readers. */

export const ORDERS_ID = `/subscriptions/${SUB_A}/resourceGroups/rg-prod/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-orders`;
export const TARGET_PATH = `/subscriptions/${SUB_A}/resourceGroups/rg-prod/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-orders-geo`;

export function addOrders(e2e: E2e, spec: Partial<Parameters<E2e['arm']['addFlexibleServer']>[0]> = {}) {
  return e2e.arm.addFlexibleServer({
    subscriptionId: SUB_A,
    resourceGroup: 'rg-prod',
    name: 'pg-orders',
    ...spec,
  });
}

export const titled = (e2e: E2e, title: string) =>
  e2e.messages().filter((c) => textOf(c).startsWith(`${title}\n`));
export const completed = (e2e: E2e) => titled(e2e, 'Geo-restore complete');
export const failed = (e2e: E2e) => titled(e2e, 'Geo-restore failed');

/** Alice in a DM with the bot: `/georestore restore pg-orders`, the suggested name and group, then the summary. */
export async function toSummary(e2e: E2e, user = ALICE, channel = 'D1') {
  const me = e2e.as(user, channel);
  const { reply: askName } = await me.slash('restore pg-orders');
  expect(textOf(askName)).toContain(
    'The new server will be created in westus, the region paired with eastus.',
  );
  const askGroup = await (await me.click(askName, 'Use pg-orders-geo')).reply();
  const summary = await (await me.click(askGroup, 'restore.group')).reply();
  expect(textOf(summary)).toMatch(/^Confirm the geo-restore of pg-orders/);
  expect(labelsOf(summary)).toContain('Start geo-restore');
  return { me, summary };
}

/** Types the source name as a DM, then returns the message with the Start button it answers with. */
export async function typeName(me: ReturnType<E2e['as']>) {
  const named = await me.dm('pg-orders');
  expect(textOf(named)).toMatch(
    /^Name confirmed\. Click Start geo-restore to create pg-orders-geo in westus/,
  );
  return named;
}

/** Reads the ts the stub gave the progress message (its answer is not recorded, so it is recomputed). */
export function progressTsOf(e2e: E2e, call: StubCall | undefined): string | undefined {
  // The stub numbers every postMessage/postEphemeral ts in order; find this call's position among them.
  const numbered = e2e.stub.calls.filter(
    (c) => c.status === 200 && (c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral'),
  );
  const n = numbered.indexOf(call as StubCall) + 1;
  return n > 0 ? `1767000000.${String(n).padStart(6, '0')}` : undefined;
}

export function observed(events: string[]) {
  return (ops: PostgresOps): PostgresOps =>
    new Proxy(ops, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          events.push(`${String(prop)}.called`);
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            events.push(`${String(prop)}.answered`);
          }
        };
      },
    });
}
