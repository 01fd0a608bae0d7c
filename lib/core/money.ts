/** Money is integer fen (CNY minor units) everywhere; only this file turns it into text. */
export type Fen = number;

export function assertFen(value: number): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer amount of fen: ${value}`);
  return value;
}

// Building an Intl.NumberFormat costs far more than formatting with one; a listing formats dozens of prices.
const formatters = new Map<string, Intl.NumberFormat>();

function yuanFormatter(locale: string, digits: 0 | 2): Intl.NumberFormat {
  const key = `${locale}|${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: "CNY",
      currencyDisplay: "narrowSymbol",
      minimumFractionDigits: digits,
      maximumFractionDigits: 2,
    });
    formatters.set(key, f);
  }
  return f;
}

export function formatFen(fen: Fen, locale: string = "zh-CN"): string {
  return yuanFormatter(locale, fen % 100 === 0 ? 0 : 2).format(fen / 100);
}

export function sumFen(values: readonly Fen[]): Fen {
  return assertFen(values.reduce((a, b) => a + b, 0));
}

export function multiplyFen(unit: Fen, quantity: number): Fen {
  return assertFen(unit * quantity);
}

/** Parse a yuan amount typed by a person ("12.5", "12.50", "12") into fen, exactly. */
export function parseYuan(input: string): Fen | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(input);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}
