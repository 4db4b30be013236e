/** The home: what the bot can do, the most asked topics, a person's tickets and restores, the features on. */
export { createHome, type HomeDeps } from './create-home.js';
export type { HomeFeatures } from './home-reply.js';
