/**
 * Shell word splitting, enough for the one-liners notes paste: `a | b; c && d` into pipelines of stages of words,
 * quotes removed, a ` #` comment ending it. Read by command.ts and loopPasses.ts. Bounded (MAX_COMMAND_LENGTH).
 * Pure: no `vscode`, no Node built-ins.
 */
import { isSpaceCode } from './text';

export const MAX_COMMAND_LENGTH = 4096;

/** A pipeline: its stages, each a list of words. */
export type Pipeline = string[][];

/** Splits `a | b; c && d` into pipelines of stages of words. Quotes are removed; a ` #` comment ends it. */
export function splitShell(text: string): Pipeline[] {
  const s = text.length > MAX_COMMAND_LENGTH ? text.slice(0, MAX_COMMAND_LENGTH) : text;
  const pipelines: Pipeline[] = [];
  let stages: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote = 0;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endStage = (): void => {
    endWord();
    if (words.length > 0) stages.push(words);
    words = [];
  };
  const endPipeline = (): void => {
    endStage();
    if (stages.length > 0) pipelines.push(stages);
    stages = [];
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const c = s.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
      else if (c === 92 /* \ */ && quote === 34 && i + 1 < s.length) {
        word += s[++i] as string;
      } else word += ch;
      continue;
    }
    if (c === 39 || c === 34) {
      quote = c;
      inWord = true;
      continue;
    }
    if (c === 92 /* \ */ && i + 1 < s.length) {
      word += s[++i] as string;
      inWord = true;
      continue;
    }
    if (isSpaceCode(c)) {
      endWord();
      continue;
    }
    if (c === 35 /* # */ && !inWord) break; // comment
    if (c === 124 /* | */) {
      if (s.charCodeAt(i + 1) === 124) {
        i++;
        endPipeline();
      } else endStage();
      continue;
    }
    if (c === 59 /* ; */) {
      endPipeline();
      continue;
    }
    if (c === 38 /* & */) {
      if (s.charCodeAt(i + 1) === 38) i++;
      endPipeline();
      continue;
    }
    word += ch;
    inWord = true;
  }
  endPipeline();
  return pipelines;
}
