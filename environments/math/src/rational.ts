/** Exact rational arithmetic on bigints, so grading and generation never round. */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  constructor(num: bigint | number, den: bigint | number = 1n) {
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new RangeError('Rational: zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    this.num = g > 1n ? n / g : n;
    this.den = g > 1n ? d / g : d;
  }

  static of(num: number, den = 1): Rational {
    return new Rational(BigInt(num), BigInt(den));
  }

  add(o: Rational): Rational {
    return new Rational(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(o: Rational): Rational {
    return new Rational(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  mul(o: Rational): Rational {
    return new Rational(this.num * o.num, this.den * o.den);
  }

  div(o: Rational): Rational {
    return new Rational(this.num * o.den, this.den * o.num);
  }

  neg(): Rational {
    return new Rational(-this.num, this.den);
  }

  pow(exponent: number): Rational {
    return new Rational(this.num ** BigInt(exponent), this.den ** BigInt(exponent));
  }

  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }

  isInteger(): boolean {
    return this.den === 1n;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  toNumber(): number {
    return Number(this.num) / Number(this.den);
  }

  /** `p` or `p/q` in lowest terms: the canonical form used as a voting key. */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  /** `p` or `\frac{p}{q}` (sign in front), as a MATH-style answer. */
  toLatex(): string {
    if (this.den === 1n) return this.num.toString();
    const sign = this.num < 0n ? '-' : '';
    const abs = this.num < 0n ? -this.num : this.num;
    return `${sign}\\frac{${abs}}{${this.den}}`;
  }

  /** A decimal string when the value terminates within `maxDigits` places, else null. */
  toDecimal(maxDigits = 6): string | null {
    for (let places = 0; places <= maxDigits; places++) {
      const scaled = this.num * 10n ** BigInt(places);
      if (scaled % this.den === 0n) {
        const digits = (scaled / this.den).toString();
        if (places === 0) return digits;
        const neg = digits.startsWith('-');
        const body = (neg ? digits.slice(1) : digits).padStart(places + 1, '0');
        return `${neg ? '-' : ''}${body.slice(0, -places)}.${body.slice(-places)}`;
      }
    }
    return null;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}
