/**
 * A small domain thesaurus: words that mean the same thing to a support engineer share a concept,
 * which is added as an extra feature beside the word. A question that uses a synonym the knowledge
 * base never used still lands on the right topic.
 */
const groups: Record<string, string> = {
  copy: 'copy copied copies copying replicate replicated replicates replicating replication ship shipped ships shipping send sent transfer transferred sync synced synchronised synchronized mirror mirrored georeplicated',
  frequency:
    'often frequently frequency schedule scheduled interval cadence nightly hourly daily continuous continuously realtime immediately instantly batched batch',
  lag: 'delay delayed lag lagging latency stale behind wait waiting late',
  loss: 'lose losing lost loss rpo',
  duration: 'long duration downtime rto slow fast quickly hours minutes takes size big bigger large larger',
  connect:
    'connect connecting connection connects login logon signin reach reachable unreachable authenticate authentication password credentials',
  blocked:
    'blocked block blocking refused refuse denied deny reject rejected allow allowed allowlist whitelist firewall pghba',
  unexpected: 'weird wrong inconsistent unexpected mismatch mismatched strange odd',
  missing: 'missing empty blank gone absent disappeared listed shown',
  enable: 'enable enabled enabling turn switch activate activated toggle flip tick configure',
  tier: 'basic burstable general purpose memory optimized tier tiers sku skus vcore vcores',
  person:
    'human person people agent engineer someone somebody support oncall escalate escalation ticket staff',
  act: 'kick trigger begin initiate launch perform execute',
  check: 'check verify inspect eligible eligibility validate confirm lookup',
  export: 'export exporting dump dumps download extract logical',
  vault: 'backupvault vault vaults',
  elsewhere: 'secondaryregion pairedregion secondary paired remote another other different',
  time: 'yesterday earlier older previous specific timestamp',
};

const conceptOf = new Map<string, string>();
for (const [concept, words] of Object.entries(groups)) {
  for (const word of words.split(' ')) conceptOf.set(word, `@${concept}`);
}

/** The concept a (spell-corrected, unstemmed) word belongs to, if any. */
export function conceptFor(word: string): string | undefined {
  return conceptOf.get(word);
}
