// The token vocabulary of the Puppet manifest language and EPP.
//
// Puppet's lexer is context-sensitive (regex vs division, heredocs, string
// interpolation, `[` after whitespace), so tokens are produced by the
// hand-written lexer in lib/Parse/ManifestLexer.cpp. This grammar only
// defines the token types and their literal spellings for PuppetParser.g4;
// its generated lexer is never compiled.
//
// The lexer also sorts words, so that the parser picks alternatives by one
// token: STMT_NAME is a NAME that names a statement function (`include`,
// `notice`...: a statement may call it without parentheses); CALL_NAME is a
// NAME, STMT_NAME or `type` and CALL_REF a REF right before an LPAREN (a
// call's arguments); COLLECT_REF is a REF right before `<|` or `<<|` (a
// collector); OVERRIDE_REF and TYPE_REF are a REF whose `[...]` keys are
// followed by `{` where a statement may start: a resource override
// (`Foo['a'] { x => 1 }`) or a declaration (`Resource['file'] { '/x': }`);
// OVERRIDE_COLLECT_REF is a COLLECT_REF whose collector is followed by `{`
// there (`Foo <| |> { x => 1 }`).
lexer grammar PuppetLexer;

tokens {
  NAME, REF, VARIABLE, NUMBER, SQSTRING, DQSTRING, HEREDOC, REGEX,
  LISTSTART, HLBRACE, WSLPAREN, EPP_TEXT, EPP_RENDER_START, EPP_RENDER_END,
  CALL_NAME, CALL_REF, COLLECT_REF, STMT_NAME, OVERRIDE_REF, TYPE_REF,
  OVERRIDE_COLLECT_REF
}

// Keywords.
AND : 'and';
APPLICATION : 'application';
ATTR : 'attr';
CASE : 'case';
CLASS : 'class';
CONSUMES : 'consumes';
DEFAULT : 'default';
DEFINE : 'define';
ELSE : 'else';
ELSIF : 'elsif';
FALSE : 'false';
FUNCTION : 'function';
IF : 'if';
IMPORT : 'import';
IN : 'in';
INHERITS : 'inherits';
NODE : 'node';
OR : 'or';
PRIVATE : 'private';
PRODUCES : 'produces';
SITE : 'site';
TRUE : 'true';
TYPE : 'type';
UNDEF : 'undef';
UNIT : 'unit';
UNLESS : 'unless';

// Punctuation and operators.
LPAREN : '(';
RPAREN : ')';
LBRACK : '[';
RBRACK : ']';
LBRACE : '{';
RBRACE : '}';
SEMIC : ';';
COMMA : ',';
DOT : '.';
PIPE : '|';
COLON : ':';
QMARK : '?';
ASSIGN : '=';
APPENDS : '+=';
DELETES : '-=';
EQ : '==';
NE : '!=';
MATCH : '=~';
NOMATCH : '!~';
LE : '<=';
GE : '>=';
LT : '<';
GT : '>';
NOT : '!';
PLUS : '+';
MINUS : '-';
TIMES : '*';
DIV : '/';
MOD : '%';
LSHIFT : '<<';
RSHIFT : '>>';
LCOLLECT : '<|';
RCOLLECT : '|>';
LLCOLLECT : '<<|';
RRCOLLECT : '|>>';
FARROW : '=>';
PARROW : '+>';
IN_EDGE : '->';
IN_EDGE_SUB : '~>';
OUT_EDGE : '<-';
OUT_EDGE_SUB : '<~';
AT : '@';
ATAT : '@@';
TILDE : '~';
