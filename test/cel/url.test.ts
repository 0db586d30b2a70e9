import { describe, expect, it } from 'vitest';
import { failure, value } from './run.js';

describe('url()', () => {
  it('splits an absolute URL into its parts as written', () => {
    expect(value("url('https://example.com:80/').getScheme()")).toBe('https');
    expect(value("url('https://example.com:80/').getHost()")).toBe('example.com:80');
    expect(value("url('https://example.com:80/').getHostname()")).toBe('example.com');
    expect(value("url('https://example.com:80/').getPort()")).toBe('80');
    expect(value("url('https://example.com/').getPort()")).toBe('');
    expect(value("url('https://user:pw@Example.com/x').getHost()")).toBe('Example.com');
  });

  it('reads IPv6 hosts', () => {
    expect(value("url('https://[::1]:80/').getHostname()")).toBe('::1');
    expect(value("url('https://[::1]:80/').getHost()")).toBe('[::1]:80');
    expect(value("url('https://[::1]/').getPort()")).toBe('');
  });

  it('escapes the path and keeps valid escapes', () => {
    expect(value("url('https://example.com/path with spaces/').getEscapedPath()")).toBe('/path%20with%20spaces/');
    expect(value("url('https://example.com/a%2Fb').getEscapedPath()")).toBe('/a%2Fb');
    expect(value("url('https://example.com').getEscapedPath()")).toBe('');
  });

  it('reads the query into lists of values', () => {
    expect(value("url('https://example.com/path?k1=a&k2=b&k2=c').getQuery()")).toEqual({ k1: ['a'], k2: ['b', 'c'] });
    expect(value("url('https://example.com/?a=1+2&b=%20&c').getQuery()")).toEqual({ a: ['1 2'], b: [' '], c: [''] });
    expect(value("url('https://example.com/').getQuery()")).toEqual({});
  });

  it('takes absolute paths and refuses relative references', () => {
    expect(value("url('/absolute-path').getScheme()")).toBe('');
    expect(value("url('/absolute-path').getEscapedPath()")).toBe('/absolute-path');
    expect(value("isURL('https://example.com') && isURL('/p') && !isURL('../relative') && !isURL('example.com') && !isURL('')")).toBe(true);
    expect(failure("url('../relative')")).toMatch(/not an absolute URI or absolute path/);
  });
});

describe('url() and control characters', () => {
  it('refuses a URL holding a control character', () => {
    expect(value('isURL(object.u)', { object: { u: 'https://example.com/a\tb' } })).toBe(false);
    expect(value('isURL(object.u)', { object: { u: 'https://example.com/a\u007fb' } })).toBe(false);
  });
});
