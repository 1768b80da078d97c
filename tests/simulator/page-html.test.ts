// Static checks on the simulator page: it is served from one cached file, loads nothing from
// outside (the machine may be offline), and never builds HTML from strings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulatorPageHtml } from '../../src/simulator/page';

const pageOnDisk = readFileSync(new URL('../../src/simulator/page.html', import.meta.url), 'utf8');

describe('simulatorPageHtml', () => {
  it('returns page.html as it is on disk', () => {
    expect(simulatorPageHtml()).toBe(pageOnDisk);
    expect(simulatorPageHtml()).toMatch(/^<!doctype html>/i);
  });

  it('serves the same cached string on every call', () => {
    expect(simulatorPageHtml()).toBe(simulatorPageHtml());
  });
});

describe('page.html', () => {
  it.each([
    ['an external script', /<script[^>]+src=/i],
    ['an external stylesheet', /<link[^>]+href=/i],
    ['a CSS import', /@import/i],
    ['a CSS url()', /\burl\(/i],
  ])('has no %s', (_what, pattern) => {
    expect(pageOnDisk).not.toMatch(pattern);
  });

  it('names no web address other than the OpenStreetMap link it builds', () => {
    const addresses = pageOnDisk.match(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/gi) ?? [];
    expect(new Set(addresses)).toEqual(new Set(['https://www.openstreetmap.org']));
  });

  it.each(['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval('])(
    'never uses %s, so bot and user text cannot become markup',
    (sink) => {
      expect(pageOnDisk).not.toContain(sink);
    },
  );
});
