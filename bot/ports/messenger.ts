import type { Address, Reply } from '../model.js';
import type { Person } from './escalations.js';

/** Where a proactive message landed, so that it can be edited in place later (kept in the Store as is). */
export type SentMessage = { address: Address; messageId: string };

/** Proactive messages at a stored address; implemented by each channel. */
export interface Messenger {
  send(address: Address, reply: Reply): Promise<SentMessage>;
  update(message: SentMessage, reply: Reply): Promise<void>;
  /** The address of the thread under a sent message (a ticket's support thread). */
  threadOf(message: SentMessage): Address;
  /**
   * The name the platform shows for a person whose turn carried only an id (Slack's message events),
   * or undefined when it cannot be had in time. Asked only when a ticket or a relay needs the name;
   * channels whose payloads always carry it (Teams) leave this out.
   */
  nameOf?(person: Person): Promise<string | undefined>;
}
