/**
 * Where the console sends people into an exercise: phones to the report page of that exercise,
 * wall displays to its wall. Both carry the exercise channel, so nothing they show or send is live.
 */
export function phonePath(channel: string): string {
  return `/report?channel=${encodeURIComponent(channel)}`;
}

export function wallPath(channel: string): string {
  return `/wall?channel=${encodeURIComponent(channel)}`;
}
