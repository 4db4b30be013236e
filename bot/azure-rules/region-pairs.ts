/**
 * Azure region pairs, from Microsoft Learn "Azure region pairs and nonpaired regions"
 * (https://learn.microsoft.com/azure/reliability/regions-paired, formerly "Cross-region replication in
 * Azure", …/reliability/cross-region-replication-azure). Geo-redundant backup of a Flexible Server is
 * stored in the pair of the server's region, and a geo-restore goes there.
 *
 * Most pairs are mutual. Some are one-way, as the table marks them: West US 3 → East US,
 * Brazil South → South Central US, Brazil Southeast → Brazil South, West India → South India,
 * India South Central → Central India (GA 2026-07; Central India pairs with South India): their
 * partners pair elsewhere.
 * Sovereign clouds follow the 2022 version of the page (…/cross-region-replication-azure): the China
 * pairs, US DoD East ↔ US DoD Central, and US Gov Texas as the partner of both US Gov Arizona and
 * US Gov Virginia, so US Gov Texas has no single entry (Microsoft names no pair for it).
 * Jio India West ↔ Jio India Central (restricted regions) is in no Microsoft pair table read for the
 * facts audit of 2026-12-07; PostgreSQL's regions table offers geo-redundant backup in both, so it is kept.
 * Regions not listed here (Poland Central, Italy North, Qatar Central, Mexico Central, …) are nonpaired.
 */

const MUTUAL: ReadonlyArray<readonly [string, string]> = [
  ['eastus', 'westus'],
  ['eastus2', 'centralus'],
  ['northcentralus', 'southcentralus'],
  ['westus2', 'westcentralus'],
  ['canadacentral', 'canadaeast'],
  ['northeurope', 'westeurope'],
  ['uksouth', 'ukwest'],
  ['francecentral', 'francesouth'],
  ['germanywestcentral', 'germanynorth'],
  ['norwayeast', 'norwaywest'],
  ['swedencentral', 'swedensouth'],
  ['switzerlandnorth', 'switzerlandwest'],
  ['eastasia', 'southeastasia'],
  ['australiaeast', 'australiasoutheast'],
  ['australiacentral', 'australiacentral2'],
  ['japaneast', 'japanwest'],
  ['koreacentral', 'koreasouth'],
  ['centralindia', 'southindia'],
  ['jioindiawest', 'jioindiacentral'],
  ['southafricanorth', 'southafricawest'],
  ['uaenorth', 'uaecentral'],
  ['chinanorth', 'chinaeast'],
  ['chinanorth2', 'chinaeast2'],
  ['chinanorth3', 'chinaeast3'],
  ['usdodeast', 'usdodcentral'],
];

const ONE_WAY: ReadonlyArray<readonly [string, string]> = [
  ['westus3', 'eastus'],
  ['brazilsouth', 'southcentralus'],
  ['westindia', 'southindia'],
  ['indiasouthcentral', 'centralindia'],
  ['brazilsoutheast', 'brazilsouth'],
  ['usgovarizona', 'usgovtexas'],
  ['usgovvirginia', 'usgovtexas'],
];

const PAIRS: ReadonlyMap<string, string> = new Map([
  ...MUTUAL,
  ...MUTUAL.map(([a, b]) => [b, a] as const),
  ...ONE_WAY,
]);

/** Canonical ARM location name: `East US 2` → `eastus2`. */
export function normaliseRegion(region: string): string {
  return region.toLowerCase().replace(/[\s_-]+/g, '');
}

/** The region's pair, or undefined for a nonpaired (or unknown) region. */
export function pairedRegion(region: string): string | undefined {
  return PAIRS.get(normaliseRegion(region));
}
