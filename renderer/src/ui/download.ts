/** Hands a file to the user as a download: a Blob and a temporary link (Electron and browsers alike). */
export function downloadFile(data: string | Uint8Array, fileName: string, type: string): void {
  // A Uint8Array is copied into a plain ArrayBuffer so the Blob never sees a view over a larger shared buffer.
  const part = typeof data === 'string' ? data : data.slice().buffer;
  const url = URL.createObjectURL(new Blob([part], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has the data once click() returns; the URL is released a little later for slow handlers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A name safe on every file system: no folder separators or reserved characters. */
export function safeFileName(name: string): string {
  const printable = [...name].filter((ch) => ch.charCodeAt(0) >= 0x20).join('');
  return printable.replace(/[/\\:*?"<>|]+/g, '-').slice(0, 100);
}

export const MIME = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ics: 'text/calendar;charset=utf-8',
} as const;
