/**
 * Every code point XML 1.0 cannot carry, even as a character reference (`Char` production: tab, LF, CR, U+0020-U+D7FF,
 * U+E000-U+FFFD, U+10000-U+10FFFF). With the `u` flag a lone surrogate is one code point, so it matches too.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Prepares arbitrary text (model answers, error messages) for an XML attribute or text node.
 *
 * Characters XML 1.0 forbids are REPLACED with U+FFFD rather than stripped: the reader sees that something was
 * there (`a\u0000b` reads `a�b`, not `ab`), and U+FFFD cannot be mistaken for text the model wrote, as a spelled-out
 * `\x00` could. `&` is written as `&amp;` here because xmlbuilder2 passes entity-like sequences (`&amp;`, `&nbsp;`)
 * through unescaped, which would turn the answer `&amp;` into `&` and `&nbsp;` into an undefined entity.
 */
export function xmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD').replace(/&/g, '&amp;');
}
