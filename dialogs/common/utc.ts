/** A time as people read it in a chat: `2026-01-10 12:00 UTC` (the input as it is when it is no date). */
export function utc(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return Number.isNaN(d.getTime()) ? String(iso) : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
