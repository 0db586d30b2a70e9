/**
 * Kubernetes resource quantities (`100m`, `1.5Gi`, `1e3`, `500Ki`, `2k`) as exact decimals, for the
 * CEL `quantity()` library. A value is `digits × 10^scale`; binary suffixes multiply the digits by
 * a power of 1024, which is an integer, so every quantity is exact.
 */

const BINARY_SUFFIXES: Readonly<Record<string, bigint>> = {
  Ki: 1024n,
  Mi: 1024n ** 2n,
  Gi: 1024n ** 3n,
  Ti: 1024n ** 4n,
  Pi: 1024n ** 5n,
  Ei: 1024n ** 6n,
};

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

/** Beyond this decimal exponent a quantity is refused rather than expanded into a huge integer. */
const MAX_EXPONENT = 100;

const QUANTITY = /^([+-]?)(\d+\.?\d*|\.\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export class Quantity {
  /** `digits × 10^scale`, exact. */
  private constructor(
    readonly digits: bigint,
    readonly scale: number,
    /** The text it was parsed from; computed quantities print as a plain decimal. */
    private readonly text?: string,
  ) {}

  /** The quantity `text` denotes, or a message saying why it is not one. */
  static parse(text: string): Quantity | string {
    const match = QUANTITY.exec(text);
    if (!match) return `'${text}' is not a Kubernetes quantity (a number with an optional suffix: 100m, 1.5Gi, 1e3, 500Ki, 2k)`;
    const [, sign = '', number = '', exponent, suffix = ''] = match;
    const [whole = '', fraction = ''] = number.split('.');
    let digits = BigInt(`${whole}${fraction}` || '0');
    let scale = -fraction.length;
    if (exponent !== undefined) scale += Number(exponent.slice(1));
    else if (suffix in BINARY_SUFFIXES) digits *= BINARY_SUFFIXES[suffix] ?? 1n;
    else scale += DECIMAL_SUFFIXES[suffix] ?? 0;
    if (Math.abs(scale) > MAX_EXPONENT + 20) return `quantity '${text}' is out of range`;
    return new Quantity(sign === '-' ? -digits : digits, scale, text).normalized(text);
  }

  static fromInteger(value: bigint): Quantity {
    return new Quantity(value, 0);
  }

  private normalized(text?: string): Quantity {
    let { digits, scale } = this;
    if (digits === 0n) return new Quantity(0n, 0, text);
    while (digits % 10n === 0n) {
      digits /= 10n;
      scale += 1;
    }
    return new Quantity(digits, scale, text);
  }

  sign(): bigint {
    return this.digits > 0n ? 1n : this.digits < 0n ? -1n : 0n;
  }

  isInteger(): boolean {
    return this.scale >= 0;
  }

  /** The value as an int64, or a message when it has a fraction or does not fit. */
  asInteger(): bigint | string {
    if (this.scale < 0) return `quantity '${this.toString()}' is not an integer`;
    if (this.scale > 19) return `quantity '${this.toString()}' does not fit in an int64`;
    const value = this.digits * 10n ** BigInt(this.scale);
    if (value < INT64_MIN || value > INT64_MAX) return `quantity '${this.toString()}' does not fit in an int64`;
    return value;
  }

  asApproximateFloat(): number {
    return Number(`${this.digits}e${this.scale}`);
  }

  compareTo(other: Quantity): bigint {
    const scale = Math.min(this.scale, other.scale);
    const left = this.digits * 10n ** BigInt(this.scale - scale);
    const right = other.digits * 10n ** BigInt(other.scale - scale);
    return left < right ? -1n : left > right ? 1n : 0n;
  }

  add(other: Quantity): Quantity | string {
    return Quantity.combine(this, other, 1n);
  }

  sub(other: Quantity): Quantity | string {
    return Quantity.combine(this, other, -1n);
  }

  private static combine(left: Quantity, right: Quantity, sign: bigint): Quantity | string {
    const scale = Math.min(left.scale, right.scale);
    const sum = left.digits * 10n ** BigInt(left.scale - scale) + sign * right.digits * 10n ** BigInt(right.scale - scale);
    const result = new Quantity(sum, scale).normalized();
    if (result.scale > MAX_EXPONENT + 20) return 'quantity arithmetic out of range';
    return result;
  }

  /** The text it was parsed from, else a plain decimal (`1536`, `0.25`). */
  toString(): string {
    if (this.text !== undefined) return this.text;
    const negative = this.digits < 0n;
    const digits = (negative ? -this.digits : this.digits).toString();
    let text: string;
    if (this.scale >= 0) text = digits + '0'.repeat(this.scale);
    else {
      const padded = digits.padStart(-this.scale + 1, '0');
      text = `${padded.slice(0, this.scale)}.${padded.slice(this.scale)}`;
    }
    return negative ? `-${text}` : text;
  }
}
