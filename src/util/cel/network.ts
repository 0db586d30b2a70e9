/**
 * IP addresses and CIDR ranges as Kubernetes' CEL `ip()`/`cidr()` libraries read them (Go's
 * netip parsers): dotted IPv4 without leading zeros, IPv6 with `::` and an embedded IPv4 tail; IPv6
 * zones (`%eth0`) and IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`) are refused.
 */

export class CelIp {
  private constructor(
    /** The address as a 32- or 128-bit number. */
    readonly value: bigint,
    readonly family: 4 | 6,
  ) {}

  /** The address `text` denotes, or a message saying why it is not one. */
  static parse(text: string): CelIp | string {
    const invalid = `'${text}' is not an IP address`;
    if (text.includes('%')) return `${invalid}: IPv6 zones are not supported`;
    if (!text.includes(':')) {
      const v4 = parseIpv4(text);
      return v4 === undefined ? invalid : new CelIp(v4, 4);
    }
    const v6 = parseIpv6(text);
    if (v6 === undefined) return invalid;
    if (v6 >> 32n === 0xffffn) return `${invalid}: IPv4-mapped IPv6 addresses are not supported`;
    return new CelIp(v6, 6);
  }

  static of(value: bigint, family: 4 | 6): CelIp {
    return new CelIp(value, family);
  }

  get bits(): number {
    return this.family === 4 ? 32 : 128;
  }

  isUnspecified(): boolean {
    return this.value === 0n;
  }

  isLoopback(): boolean {
    return this.family === 4 ? this.value >> 24n === 127n : this.value === 1n;
  }

  isLinkLocalMulticast(): boolean {
    return this.family === 4 ? this.value >> 8n === 0xe00000n : ((this.value >> 112n) & 0xff0fn) === 0xff02n;
  }

  isLinkLocalUnicast(): boolean {
    return this.family === 4 ? this.value >> 16n === 0xa9fen : this.value >> 118n === 0x3fan;
  }

  private isMulticast(): boolean {
    return this.family === 4 ? this.value >> 28n === 0xen : this.value >> 120n === 0xffn;
  }

  /** As Go's netip: any address that is not unspecified, loopback, multicast, link-local or the IPv4 broadcast. */
  isGlobalUnicast(): boolean {
    if (this.family === 4 && this.value === 0xffffffffn) return false;
    return !this.isUnspecified() && !this.isLoopback() && !this.isMulticast() && !this.isLinkLocalUnicast();
  }

  equals(other: CelIp): boolean {
    return this.family === other.family && this.value === other.value;
  }

  /** Canonical text: dotted IPv4; IPv6 as RFC 5952 (lower case, the longest run of zero groups as `::`). */
  toString(): string {
    if (this.family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((this.value >> shift) & 0xffn)).join('.');
    const groups = Array.from({ length: 8 }, (_, i) => Number((this.value >> BigInt(112 - 16 * i)) & 0xffffn));
    let bestStart = -1;
    let bestLength = 1;
    for (let i = 0; i < 8;) {
      if (groups[i] !== 0) {
        i++;
        continue;
      }
      let end = i;
      while (end < 8 && groups[end] === 0) end++;
      if (end - i > bestLength) [bestStart, bestLength] = [i, end - i];
      i = end;
    }
    const hex = groups.map((group) => group.toString(16));
    if (bestStart === -1) return hex.join(':');
    return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
  }
}

export class CelCidr {
  private constructor(
    /** The address as written (`cidr('10.0.0.1/8').ip()` is `10.0.0.1`). */
    readonly address: CelIp,
    readonly prefixLength: number,
  ) {}

  static parse(text: string): CelCidr | string {
    const invalid = `'${text}' is not a CIDR range`;
    const slash = text.indexOf('/');
    if (slash === -1) return `${invalid}: no '/' prefix length`;
    const address = CelIp.parse(text.slice(0, slash));
    if (typeof address === 'string') return `${invalid}: ${address}`;
    const length = text.slice(slash + 1);
    if (!/^(0|[1-9]\d{0,2})$/.test(length) || Number(length) > address.bits) return `${invalid}: bad prefix length '${length}'`;
    return new CelCidr(address, Number(length));
  }

  private mask(): bigint {
    const bits = BigInt(this.address.bits);
    const hostBits = bits - BigInt(this.prefixLength);
    return ((1n << bits) - 1n) ^ ((1n << hostBits) - 1n);
  }

  masked(): CelCidr {
    return new CelCidr(CelIp.of(this.address.value & this.mask(), this.address.family), this.prefixLength);
  }

  containsIp(ip: CelIp): boolean {
    return ip.family === this.address.family && (ip.value & this.mask()) === (this.address.value & this.mask());
  }

  containsCidr(other: CelCidr): boolean {
    return other.prefixLength >= this.prefixLength && this.containsIp(other.address);
  }

  equals(other: CelCidr): boolean {
    return this.prefixLength === other.prefixLength && this.address.equals(other.address);
  }

  toString(): string {
    return `${this.address.toString()}/${this.prefixLength}`;
  }
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined): number[] | undefined => {
    if (half === undefined || half === '') return [];
    const out: number[] = [];
    const parts = half.split(':');
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) out.push(parseInt(part, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (!head || !tail) return undefined;
  // An embedded IPv4 tail is only allowed at the very end.
  if (halves.length === 2 && halves[0]?.includes('.')) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  return all.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}
