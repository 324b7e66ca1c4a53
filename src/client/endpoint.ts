/** URLs of the backend's routes, relative to the element's `endpoint` (itself relative to the page). */
export function endpointUrl(endpoint: string, path: string): string {
  const base = new URL(endpoint.endsWith('/') ? endpoint : `${endpoint}/`, document.baseURI);
  return new URL(path.replace(/^\//, ''), base).href;
}
