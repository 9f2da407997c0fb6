// Longitude and latitude to screen pixels for a flat, north-up map view: what the canvases drawn over the map (the
// engineers, the replay's played line) project their points with, many thousands a frame.

/** Web Mercator y of a latitude, in units where the world is 1 wide (0 at the top). */
export function mercatorY(lat: number): number {
  const phi = (lat * Math.PI) / 180;
  return 0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI);
}

/**
 * Longitude and latitude to screen pixels for a flat, north-up view, from where two opposite corners of the screen
 * are: Web Mercator is linear in longitude and in `mercatorY`, so one multiply-add per axis replaces a full projection.
 */
export function flatProjection(
  topLeft: { lng: number; lat: number },
  bottomRight: { lng: number; lat: number },
  width: number,
  height: number,
): (lon: number, lat: number) => [number, number] {
  const ax = width / (bottomRight.lng - topLeft.lng);
  const y0 = mercatorY(topLeft.lat);
  const ay = height / (mercatorY(bottomRight.lat) - y0);
  return (lon, lat) => [(lon - topLeft.lng) * ax, (mercatorY(lat) - y0) * ay];
}
