import type { Address, Reply } from '../model.js';

/** Where a proactive message landed, so that it can be edited in place later. */
export interface SentMessage {
  address: Address;
  messageId: string;
}

/** Proactive messages at a stored address; implemented by each channel. */
export interface Messenger {
  send(address: Address, reply: Reply): Promise<SentMessage>;
  update(message: SentMessage, reply: Reply): Promise<void>;
  /** The address of the thread under a sent message (a ticket's support thread). */
  threadOf(message: SentMessage): Address;
}
