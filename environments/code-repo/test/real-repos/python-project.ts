import type { CommitSpec } from './git-history.js';

/**
 * "invoicely", a small Python package with unittest tests, in the history a real bug fix has: the package,
 * a feature, a refactor that introduces the bug, a docs commit (the base), then the fix, its regression
 * tests, and a release after them. Tests run as upstream documents: `PYTHONPATH=. python3 -m unittest`.
 */
const README = `# invoicely

Tiny invoice arithmetic: amounts are integer cents, discounts are per line.

\`\`\`python
from invoicely.totals import Line, invoice_total
invoice_total([Line("Widget", 999, quantity=2)])  # 1998
\`\`\`

Run the tests with \`PYTHONPATH=. python3 -m unittest\`.
`;

const MONEY = `"""Money amounts are kept as integer cents to avoid float drift."""


def format_cents(cents, currency="EUR"):
    """Format an amount of cents, e.g. 1999 -> '19.99 EUR'."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole}.{frac:02d} {currency}"


def parse_amount(text):
    """Parse '19.99' (or '19,99') into cents."""
    text = text.strip().replace(",", ".")
    whole, _, frac = text.partition(".")
    frac = (frac + "00")[:2]
    return int(whole or "0") * 100 + int(frac)
`;

const TEST_MONEY = `import unittest

from invoicely.money import format_cents, parse_amount


class TestFormat(unittest.TestCase):
    def test_formats_cents(self):
        self.assertEqual(format_cents(1999), "19.99 EUR")

    def test_formats_negative_amounts(self):
        self.assertEqual(format_cents(-5, "USD"), "-0.05 USD")


class TestParse(unittest.TestCase):
    def test_parses_comma_decimal(self):
        self.assertEqual(parse_amount(" 3,5 "), 350)
`;

const totals = (discount: string, imports = '') => `${imports}from .money import format_cents


class Line:
    """One invoice line: a unit price in cents, a quantity and an optional percentage discount."""

    def __init__(self, description, unit_cents, quantity=1, discount_percent=0):
        self.description = description
        self.unit_cents = unit_cents
        self.quantity = quantity
        self.discount_percent = discount_percent

    def subtotal(self):
        return self.unit_cents * self.quantity


def line_discount(line):
    """The discount of one line in cents, rounded half up to a whole cent."""
${discount}


def invoice_total(lines):
    return sum(line.subtotal() - line_discount(line) for line in lines)


def render(lines, currency="EUR"):
    rows = [f"{line.description}: {format_cents(line.subtotal() - line_discount(line), currency)}" for line in lines]
    rows.append(f"Total: {format_cents(invoice_total(lines), currency)}")
    return "\\n".join(rows)
`;

const FLOAT_ROUND = '    return round(line.subtotal() * line.discount_percent / 100)';
const TRUNCATING = '    # Integer arithmetic only: floats drift on large invoices.\n    return line.subtotal() * line.discount_percent // 100';
const DECIMAL =
  '    exact = Decimal(line.subtotal() * line.discount_percent) / 100\n    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))';

const testTotals = (extra: string) => `import unittest

from invoicely.totals import Line, invoice_total, render


class TestTotals(unittest.TestCase):
    def test_sums_lines(self):
        self.assertEqual(invoice_total([Line("A", 250, quantity=2), Line("B", 100)]), 600)

    def test_renders_total(self):
        self.assertIn("Total: 6.00 EUR", render([Line("A", 300, quantity=2)]))


class TestDiscounts(unittest.TestCase):
    def test_whole_percent_discount(self):
        self.assertEqual(invoice_total([Line("A", 1000, discount_percent=10)]), 900)
${extra}`;

const REGRESSION_TESTS = `
    def test_discount_rounds_fractional_cents(self):
        # 15% of 9.99 is 1.4985: the customer gets 1.50 off
        self.assertEqual(invoice_total([Line("Widget", 999, discount_percent=15)]), 849)

    def test_half_cent_discount_rounds_up(self):
        self.assertEqual(invoice_total([Line("Sticker", 5, discount_percent=10)]), 4)
`;

const author = (name: string) => `${name} <${name.toLowerCase().replace(/ /g, '.')}@example.org>`;

/** The commits, in order; the base is the fourth, the fix the fifth, its tests the sixth. */
export const PYTHON_COMMITS: CommitSpec[] = [
  {
    message: 'Initial commit: money formatting and parsing',
    author: author('Ana Lima'),
    date: '2024-03-04T09:12:00Z',
    files: {
      'README.md': README,
      'pyproject.toml': '[project]\nname = "invoicely"\nversion = "1.0.0"\nrequires-python = ">=3.8"\n',
      'invoicely/__init__.py': '"""Invoice arithmetic in integer cents."""\n\n__version__ = "1.0.0"\n',
      'invoicely/money.py': MONEY,
      'tests/__init__.py': '',
      'tests/test_money.py': TEST_MONEY,
    },
  },
  {
    message: 'Add invoice lines, totals and per-line percentage discounts',
    author: author('Ana Lima'),
    date: '2024-03-11T15:40:00Z',
    files: { 'invoicely/totals.py': totals(FLOAT_ROUND), 'tests/test_totals.py': testTotals('') },
  },
  {
    message: 'Avoid float arithmetic in line discounts\n\nLarge invoices showed off-by-one cents from float rounding.',
    author: author('Jon Park'),
    date: '2024-04-02T10:05:00Z',
    files: { 'invoicely/totals.py': totals(TRUNCATING) },
  },
  {
    message: 'README: document rendering',
    author: author('Jon Park'),
    date: '2024-04-20T08:30:00Z',
    files: { 'README.md': `${README}\nUse \`render(lines)\` for a printable summary.\n` },
  },
  {
    message: 'Round line discounts half up with Decimal (fixes #42)',
    author: author('Mia Wong'),
    date: '2024-05-06T13:22:00Z',
    files: { 'invoicely/totals.py': totals(DECIMAL, 'from decimal import ROUND_HALF_UP, Decimal\n\n') },
  },
  {
    message: 'Add regression tests for discount rounding (#42)',
    author: author('Mia Wong'),
    date: '2024-05-06T13:25:00Z',
    files: { 'tests/test_totals.py': testTotals(REGRESSION_TESTS) },
  },
  {
    message: 'Release 1.1.0',
    author: author('Ana Lima'),
    date: '2024-05-10T17:00:00Z',
    files: {
      'pyproject.toml': '[project]\nname = "invoicely"\nversion = "1.1.0"\nrequires-python = ">=3.8"\n',
      'invoicely/__init__.py': '"""Invoice arithmetic in integer cents."""\n\n__version__ = "1.1.0"\n',
      'CHANGELOG.md': '# 1.1.0\n\n- Discounts round half up to the cent again (#42).\n',
    },
  },
];

/** A plausible wrong fix, as files over the base: back to float `round`, which rounds half to even (0.5 cent -> 0). */
export const PYTHON_WRONG_FIX = { 'invoicely/totals.py': totals(FLOAT_ROUND) };

/** The instance fields that depend on the project, not on the commits. */
export const PYTHON_INSTANCE = {
  instance_id: 'acme__invoicely-42',
  repo: 'acme/invoicely',
  version: '1.0',
  problem_statement: [
    'Discounts are rounded down instead of to the nearest cent',
    '',
    'A 15% discount on a 9.99 EUR line should take 1.50 off (1.4985 rounded), but the invoice shows 8.50 instead of 8.49.',
    'Tiny lines are affected too: 10% off a 0.05 line gives no discount at all.',
  ].join('\n'),
  hints_text: 'This started with the change that moved discounts to integer arithmetic.',
  test_command: 'PYTHONPATH=. python3 -m unittest {tests}',
  FAIL_TO_PASS: [
    'test_discount_rounds_fractional_cents (tests.test_totals.TestDiscounts.test_discount_rounds_fractional_cents)',
    'tests.test_totals.TestDiscounts.test_half_cent_discount_rounds_up',
  ],
  PASS_TO_PASS: [
    'test_whole_percent_discount (tests.test_totals.TestDiscounts.test_whole_percent_discount)',
    'tests.test_totals.TestTotals.test_sums_lines',
    'tests.test_totals.TestTotals.test_renders_total',
    'test_formats_cents (tests.test_money.TestFormat.test_formats_cents)',
    'tests.test_money.TestFormat.test_formats_negative_amounts',
    'tests.test_money.TestParse.test_parses_comma_decimal',
  ],
};
