// The named character references the bundles decode (`&amp;`, `&copy;`, `&rarr;`…): HTML 4.01's 252 entities
// (Latin-1, symbols and Greek, special) and `&apos;`, with their values from the character-entities package
// (HTML's current table). micromark and mdast-util-from-markdown decode named references through
// decode-named-character-reference, whose table of all 2,231 HTML names is the largest dependency in the .vsix
// (28 KB, ~12 KB compressed); every bundle resolves it to this subset instead, so the editor, the CLI, the
// servers and the tests read a note alike. A name outside it (`&NotNestedGreaterGreater;`) stays as written, as
// CommonMark leaves any name it does not know: only the text of a heading, list item or table cell can differ,
// never the note's structure, and the recogniser and the evidence parser read the raw text anyway.
import { characterEntities } from 'character-entities';

const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';
const SYMBOLS =
  'fnof Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho Sigma Tau Upsilon Phi Chi Psi Omega alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega thetasym upsih piv bull hellip prime Prime oline frasl weierp image real trade alefsym larr uarr rarr darr harr crarr lArr uArr rArr dArr hArr forall part exist empty nabla isin notin ni prod sum minus lowast radic prop infin ang and or cap cup int there4 sim cong asymp ne equiv le ge sub sup nsub sube supe oplus otimes perp sdot lceil rceil lfloor rfloor lang rang loz spades clubs hearts diams';
const SPECIAL =
  'quot amp lt gt apos OElig oelig Scaron scaron Yuml circ tilde ensp emsp thinsp zwnj zwj lrm rlm ndash mdash lsquo rsquo sbquo ldquo rdquo bdquo dagger Dagger permil lsaquo rsaquo euro';

export const ENTITY_NAMES = [LATIN1, SYMBOLS, SPECIAL].join(' ').split(' ');

/** The module decode-named-character-reference resolves to in every bundle. */
function moduleSource() {
  const table = {};
  for (const name of ENTITY_NAMES) {
    const value = characterEntities[name];
    if (typeof value !== 'string') throw new Error(`character-entities has no &${name};`);
    table[name] = value;
  }
  return `const table = ${JSON.stringify(table)};
export function decodeNamedCharacterReference(value) {
  return Object.prototype.hasOwnProperty.call(table, value) ? table[value] : false;
}
`;
}

/** @returns {import('esbuild').Plugin} */
export function htmlEntitiesPlugin() {
  const contents = moduleSource();
  return {
    name: 'htmlEntities',
    setup(b) {
      b.onResolve({ filter: /^decode-named-character-reference$/ }, () => ({ path: 'decode-named-character-reference', namespace: 'tsn-entities' }));
      b.onLoad({ filter: /.*/, namespace: 'tsn-entities' }, () => ({ contents, loader: 'js' }));
    },
  };
}
