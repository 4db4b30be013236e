import { describe, expect, it } from 'vitest';
import { asksToAct, gatedTopics, isReport, mentionsServerRestore } from '../../knowledge/topic-gates.js';

describe('topic gates', () => {
  it.each([
    ['cannot connect to the server we restored yesterday', true],
    ['after the geo-restore psql fails', true],
    ['we did a pitr and now the firewall rules are gone', true],
    ['connection refused since we failed over to the paired region copy', true],
    ['no pg_hba.conf entry for host, the server was never restored', false],
    ['password authentication failed, nothing was restored', false],
    ['pg_restore: error: connection to server failed: connection refused', false],
    ['pg_restore into the restored server fails with permission errors', true],
    ['no pg_hba.conf entry for host when our function connects', false],
  ])('reads "%s" as about a restored server: %s', (text, expected) => {
    expect(mentionsServerRestore(text)).toBe(expected);
  });

  it('tells a report from a request', () => {
    expect(isReport('the geo restore of pg-orders failed with resourcenotfound')).toBe(true);
    expect(isReport('our geo restore has been running 3 hours')).toBe(true);
    expect(asksToAct('our geo restore has been running 3 hours')).toBe(false);
    expect(asksToAct('how do i geo-restore pg-orders')).toBe(false);
    expect(asksToAct('please geo-restore pg-orders to westus2')).toBe(true);
    expect(asksToAct('can you restore pg-orders into the paired region now')).toBe(true);
    expect(asksToAct('do a dr restore of pg-orders into northeurope')).toBe(true);
  });

  it('rules out the intents a message does not ask for', () => {
    const report = gatedTopics('geo restore of pg-orders-weu fails with resourcenotfound');
    expect(report.has('start-restore')).toBe(true);
    expect(report.has('check-eligibility')).toBe(true);
    expect(gatedTopics('restore pg-orders-weu to the paired region now').has('start-restore')).toBe(false);
    expect(gatedTopics('support for create_mode georestore in the terraform provider').has('human')).toBe(
      true,
    );
    expect(gatedTopics('can I talk to someone from support').has('human')).toBe(false);
  });
});
