"""Roman numerals."""

_VALUES = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"),
    (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
    (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]
_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def to_roman(number):
    """The Roman numeral of 1..3999: 14 -> "XIV"."""
    if not 0 < number < 4000:
        raise ValueError(f"out of range: {number}")
    out = []
    for value, letters in _VALUES:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(text):
    """The integer a Roman numeral stands for: "XIV" -> 14."""
    text = text.strip().upper()
    if not text or any(ch not in _DIGITS for ch in text):
        raise ValueError(f"not a Roman numeral: {text!r}")
    return sum(_DIGITS[ch] for ch in text)
