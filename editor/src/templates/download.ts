/** Saves `data` as a pretty-printed JSON file through a temporary link (what a download button does). */
export function downloadJson(data: unknown, fileName: string): void {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked after the click has been handled; the browser keeps the file it is saving.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name from a template's name: characters file systems refuse become `_`. */
export function bundleFileName(name: string, version: number): string {
  const safe = [...name].map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('').trim() || 'template';
  return `${safe}-v${version}.lsb-template.json`;
}

/** The SVG document as an image source: an <img> never runs what an SVG might carry. */
export const svgSource = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
