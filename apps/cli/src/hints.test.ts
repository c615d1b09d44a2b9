import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './main.js';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Source files of libs/, apps/ and environments/ (tests and dependencies left out). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return ['node_modules', 'dist', 'test', 'testing', 'bench'].includes(e.name) ? [] : sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Every hint text: the string literals of a `hint: ...` property or a `hint = ...` assignment, up to the end of
 * that expression (ternaries of several hints included).
 */
function hintTexts(file: string): Array<{ where: string; text: string }> {
  const code = readFileSync(file, 'utf8');
  const out: Array<{ where: string; text: string }> = [];
  for (const m of code.matchAll(/\bhint\s*[:=]\s*/g)) {
    const rest = code.slice(m.index + m[0].length);
    const end = rest.search(/;\n|,\n\s*[a-z]+:|\}\)|\n\s*\}/);
    const expr = end === -1 ? rest : rest.slice(0, end);
    const line = code.slice(0, m.index).split('\n').length;
    for (const lit of expr.matchAll(/'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|`((?:\\.|[^`\\])*)`/g)) {
      out.push({ where: `${relative(ROOT, file)}:${line}`, text: lit[1] ?? lit[2] ?? lit[3] ?? '' });
    }
  }
  return out;
}

/** Every long flag the `--help` of the program and of each command (and subcommand) prints. */
function helpFlags(): Set<string> {
  const program = buildProgram([], () => undefined);
  const flags = new Set<string>();
  const visit = (cmd: Command) => {
    for (const f of cmd.helpInformation().matchAll(/--[a-z][a-z0-9-]*/g)) flags.add(f[0]);
    cmd.commands.forEach(visit);
  };
  visit(program);
  return flags;
}

describe('hints', () => {
  it('name only flags that exist: every --flag in a hint is in some command’s --help', () => {
    const files = ['libs', 'apps', 'environments'].flatMap((d) => sources(join(ROOT, d)));
    const hints = files.flatMap(hintTexts);
    expect(hints.length).toBeGreaterThan(30); // the walk finds the hints (guards against a regex that matches nothing)
    expect(hints.some((h) => h.text.includes('--request-timeout'))).toBe(true);
    const known = helpFlags();
    const unknown = hints.flatMap((h) => [...h.text.matchAll(/--[a-z][a-z0-9-]*/g)].map((f) => f[0]).filter((f) => !known.has(f)).map((f) => `${h.where}: ${f} in "${h.text}"`));
    expect(unknown).toEqual([]);
  });
});
