import { describe, expect, it } from 'vitest';
import { CelIp } from '../../src/util/cel/network.js';
import { failure, value } from './run.js';

describe('ip()', () => {
  it('reads IPv4 and IPv6 and prints them canonically', () => {
    expect(value("ip('10.0.0.1').family()")).toBe(4);
    expect(value("ip('2001:DB8::1').family()")).toBe(6);
    expect(value("string(ip('2001:DB8:0:0:0:0:0:1'))")).toBe('2001:db8::1');
    expect(value("string(ip('0:0:1:0:0:0:0:0'))")).toBe('0:0:1::');
    expect(value("string(ip('1:0:0:2:0:0:0:3'))")).toBe('1:0:0:2::3');
    expect(value("string(ip('1:0:1:0:1:0:1:0'))")).toBe('1:0:1:0:1:0:1:0');
    expect(value("string(ip('::'))")).toBe('::');
    expect(value("string(ip('::1.2.3.4'))")).toBe('::102:304');
    expect(value("ip('10.0.0.1')")).toBe('10.0.0.1');
    expect(value("ip('10.0.0.1') == ip('10.0.0.1') && ip('::1') != ip('::2')")).toBe(true);
  });

  it('refuses what Kubernetes refuses', () => {
    for (const text of [
      '010.0.0.1',
      '256.0.0.1',
      '1.2.3',
      '1.2.3.4.5',
      'fe80::1%eth0',
      '::ffff:1.2.3.4',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '12345::',
      'x',
      '',
    ]) {
      expect(typeof CelIp.parse(text), text).toBe('string');
    }
    expect(value("isIP('1.2.3.4') && !isIP('1.2.3') && !isIP('::ffff:1.2.3.4')")).toBe(true);
    expect(failure("ip('fe80::1%eth0')")).toMatch(/zones are not supported/);
  });

  it('classifies addresses like Go', () => {
    expect(value("ip('0.0.0.0').isUnspecified() && ip('::').isUnspecified()")).toBe(true);
    expect(value("ip('127.1.2.3').isLoopback() && ip('::1').isLoopback() && !ip('10.0.0.1').isLoopback()")).toBe(true);
    expect(
      value("ip('224.0.0.251').isLinkLocalMulticast() && ip('ff02::1').isLinkLocalMulticast() && !ip('224.0.1.1').isLinkLocalMulticast()"),
    ).toBe(true);
    expect(
      value("ip('169.254.1.1').isLinkLocalUnicast() && ip('fe80::1').isLinkLocalUnicast() && !ip('fec0::1').isLinkLocalUnicast()"),
    ).toBe(true);
    expect(value("ip('10.0.0.1').isGlobalUnicast() && ip('2001:db8::1').isGlobalUnicast()")).toBe(true);
    expect(value("ip('255.255.255.255').isGlobalUnicast() || ip('224.0.0.1').isGlobalUnicast() || ip('ff05::1').isGlobalUnicast()")).toBe(
      false,
    );
  });
});

describe('cidr()', () => {
  it('tests containment of addresses and ranges', () => {
    expect(value("cidr('10.0.0.0/8').containsIP(ip('10.1.2.3')) && cidr('10.0.0.0/8').containsIP('10.255.0.1')")).toBe(true);
    expect(value("cidr('10.0.0.0/8').containsIP('11.0.0.1') || cidr('10.0.0.0/8').containsIP('::1')")).toBe(false);
    expect(value("cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16') && !cidr('10.1.0.0/16').containsCIDR('10.0.0.0/8')")).toBe(true);
    expect(value("cidr('2001:db8::/32').containsIP('2001:db8:1::1') && cidr('0.0.0.0/0').containsIP('8.8.8.8')")).toBe(true);
  });

  it('gives its address as written, its masked form and its prefix length', () => {
    expect(value("string(cidr('10.1.2.3/8').ip())")).toBe('10.1.2.3');
    expect(value("string(cidr('10.1.2.3/8').masked())")).toBe('10.0.0.0/8');
    expect(value("cidr('2001:db8::1/64').masked()")).toBe('2001:db8::/64');
    expect(value("cidr('10.0.0.0/8').prefixLength()")).toBe(8);
    expect(value("cidr('10.0.0.0/8') == cidr('10.0.0.0/8')")).toBe(true);
  });

  it('refuses bad ranges', () => {
    expect(
      value("isCIDR('10.0.0.0/8') && !isCIDR('10.0.0.0') && !isCIDR('10.0.0.0/33') && !isCIDR('10.0.0.0/08') && !isCIDR('::1/129')"),
    ).toBe(true);
    expect(failure("cidr('10.0.0.0/33')")).toMatch(/bad prefix length/);
  });
});
