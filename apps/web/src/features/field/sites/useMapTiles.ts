import { useEffect, useState } from 'preact/hooks';
import { api } from '../../../api/client';
import type { MapTiles } from '../../../ui/SiteMap';

let settings: Promise<MapTiles | null> | null = null;

/**
 * The configured tile server, asked once per page load. Offline or unconfigured: null, and
 * the map draws its points on a plain background.
 */
export function useMapTiles(): MapTiles | null {
  const [tiles, setTiles] = useState<MapTiles | null>(null);
  useEffect(() => {
    settings ??= api.get<{ tiles: MapTiles | null }>('/api/map/settings').then((r) => r.tiles, () => {
      settings = null; // try again next time: the network may be back
      return null;
    });
    let live = true;
    void settings.then((t) => live && setTiles(t));
    return () => {
      live = false;
    };
  }, []);
  return tiles;
}
