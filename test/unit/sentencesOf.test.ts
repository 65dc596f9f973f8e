/**
 * sentencesOf: where a prose line's sentences end. A full stop ends one before a space, except after the
 * abbreviations that run on inside a sentence (i.e., e.g., vs., cf., approx. …); "etc." ends one only before a
 * capital. Chinese punctuation and table bars end sentences as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sentencesOf } from '../../src/core/knowledge/noteLines';

const texts = (line: string) => sentencesOf(line).map((s) => s.text);

test('abbreviations inside a sentence do not end it', () => {
  assert.deepEqual(texts('The TIME-WAIT state lasts for 2MSL, i.e. four minutes.'), ['The TIME-WAIT state lasts for 2MSL, i.e. four minutes']);
  assert.deepEqual(texts('Keep tcp_fin_timeout low (e.g. 15) so sockets go. Next one.'), ['Keep tcp_fin_timeout low (e.g. 15) so sockets go', 'Next one']);
  assert.deepEqual(texts('I.e. TIME_WAIT stays. E.g. CLOSE_WAIT leaks.'), ['I.e. TIME_WAIT stays', 'E.g. CLOSE_WAIT leaks']);
  assert.deepEqual(texts('Linux vs. Windows: 60 s vs. 4 min.'), ['Linux vs. Windows: 60 s vs. 4 min']);
  assert.deepEqual(texts('It takes approx. 102 s, cf. tcp_timer.c for the math.'), ['It takes approx. 102 s, cf. tcp_timer.c for the math']);
  assert.deepEqual(texts('FIN_WAIT1, LAST_ACK etc. are orphans; TIME_WAIT is not.'), ['FIN_WAIT1, LAST_ACK etc. are orphans', 'TIME_WAIT is not']);
});

test('"etc." before a capital, and words that only end like an abbreviation, end the sentence', () => {
  assert.deepEqual(texts('FIN_WAIT1, LAST_ACK etc. TIME_WAIT is not one.'), ['FIN_WAIT1, LAST_ACK etc', 'TIME_WAIT is not one']);
  assert.deepEqual(texts('We set it to 1 as planned. Then it broke.'), ['We set it to 1 as planned', 'Then it broke']);
  assert.deepEqual(texts('Bus. Stop.'), ['Bus', 'Stop']);
  assert.deepEqual(texts('Ends with etc.'), ['Ends with etc']);
});

test('Chinese sentences and table bars split as before', () => {
  assert.deepEqual(texts('TIME_WAIT 持续 60 秒。CLOSE_WAIT 是应用没关，例如 e.g. 连接池。'), ['TIME_WAIT 持续 60 秒', 'CLOSE_WAIT 是应用没关，例如 e.g. 连接池']);
  assert.deepEqual(texts('| TIME_WAIT | 60 s |'), ['TIME_WAIT', '60 s']);
  assert.deepEqual(
    sentencesOf('a, i.e. b. c').map((s) => [s.start, s.end, s.mark]),
    [
      [0, 9, '.'],
      [11, 12, ''],
    ],
  );
});
