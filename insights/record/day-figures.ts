import type { Channel } from '../../bot/model.js';
import type { Ticket } from '../../bot/ports/escalations.js';
import type { TicketChangeKind, TurnOutcome } from '../../bot/ports/insights.js';
import { resolvedPerDay, samplesPerDay } from './insights-keys.js';

/** A time to claim or resolve, in seconds, with the requester's channel. */
export type Sample = { s: number; c: Channel };
export type ResolvedTicket = { id: string; ref: string; at: string; channel: Channel };

/**
 * One day's figures. `counts` is flat, so that adding is the only operation and two replicas' writes
 * merge by re-applying: `ask|<outcome>|<channel>`, `picked|<channel>`, `declined|<channel>`,
 * `topic|<entry>|<asked|clarify|nomatch|ticket|picked|up|down>|<channel>`, `ticket|<change>|<channel>`,
 * `reason|<ticket reason>|<channel>`, `unlogged|<channel>` (questions past the day's log).
 */
export type DayFigures = {
  counts: Record<string, number>;
  claim: Sample[];
  resolve: Sample[];
  resolved: ResolvedTicket[];
};

export const emptyDay = (): DayFigures => ({ counts: {}, claim: [], resolve: [], resolved: [] });

export type Change = (day: DayFigures) => void;

export const add = (day: DayFigures, key: string, by = 1) => {
  day.counts[key] = (day.counts[key] ?? 0) + by;
};

/** What a turn adds to its day. */
export function turnChange(channel: Channel, outcome: TurnOutcome): Change {
  return (day) => {
    switch (outcome.kind) {
      case 'ask':
        add(day, `ask|${outcome.outcome}|${channel}`);
        if (outcome.topic) {
          add(day, `topic|${outcome.topic}|asked|${channel}`);
          const metric = outcome.outcome === 'handoff' ? 'ticket' : outcome.outcome;
          if (metric !== 'answered') add(day, `topic|${outcome.topic}|${metric}|${channel}`);
        }
        return;
      case 'picked':
        add(day, `picked|${channel}`);
        add(day, `topic|${outcome.topic}|picked|${channel}`);
        return;
      case 'declined':
        add(day, `declined|${channel}`);
        return;
      case 'rated':
        add(day, `topic|${outcome.topic}|${outcome.helpful ? 'up' : 'down'}|${channel}`);
        return;
    }
  };
}

const seconds = (from: string, to: string | undefined) =>
  to === undefined ? undefined : Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** What a ticket's change adds to the day it happened. */
export function ticketChange(what: TicketChangeKind, t: Ticket): Change {
  const channel = t.requester.channel;
  return (day) => {
    add(day, `ticket|${what}|${channel}`);
    if (what === 'opened') add(day, `reason|${t.reason}|${channel}`);
    const took = seconds(t.createdAt, what === 'claimed' ? t.claimedAt : t.resolvedAt);
    if (what === 'claimed' && took !== undefined && day.claim.length < samplesPerDay)
      day.claim.push({ s: took, c: channel });
    if (what === 'resolved' && took !== undefined) {
      if (day.resolve.length < samplesPerDay) day.resolve.push({ s: took, c: channel });
      if (day.resolved.length < resolvedPerDay && !day.resolved.some((r) => r.id === t.id))
        day.resolved.push({ id: t.id, ref: t.ref, at: t.resolvedAt ?? t.createdAt, channel });
    }
  };
}
