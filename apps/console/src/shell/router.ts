import { useEffect, useState } from 'react';

export type Route =
  | { screen: 'home' }
  | { screen: 'search' }
  | { screen: 'identify' }
  | { screen: 'person'; id: string }
  | { screen: 'graph'; id: string | null }
  | { screen: 'audit' }
  | { screen: 'review'; id: string | null }
  | { screen: 'verifications' };

/** Screens live in the hash (#/person/<id>), so the console is one static page. */
export function parseRoute(hash: string): Route {
  const [, screen = '', id = ''] = hash.replace(/^#/, '').split('/');
  const decoded = id ? decodeURIComponent(id) : '';
  switch (screen) {
    case 'search':
      return { screen: 'search' };
    case 'identify':
      return { screen: 'identify' };
    case 'person':
      return decoded ? { screen: 'person', id: decoded } : { screen: 'search' };
    case 'graph':
      return { screen: 'graph', id: decoded || null };
    case 'audit':
      return { screen: 'audit' };
    case 'review':
      return { screen: 'review', id: decoded || null };
    case 'verifications':
      return { screen: 'verifications' };
    default:
      return { screen: 'home' };
  }
}

export const href = {
  search: () => '#/search',
  identify: () => '#/identify',
  person: (id: string) => `#/person/${encodeURIComponent(id)}`,
  graph: (id?: string) => (id ? `#/graph/${encodeURIComponent(id)}` : '#/graph'),
  audit: () => '#/audit',
  review: (id?: string) => (id ? `#/review/${encodeURIComponent(id)}` : '#/review'),
  verifications: () => '#/verifications',
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
