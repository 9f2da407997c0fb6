/** "team-pudong-lujiazui-2" → "Pudong Lujiazui 2". */
export function teamLabel(teamId: string): string {
  return teamId
    .replace(/^team-/, '')
    .split('-')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');
}
