// The Puppet manifest language (Puppet 7, plus Puppet 3 `import` and node
// `inherits`) and EPP templates. Tokens come from the hand-written lexer in
// lib/Parse; lib/Parse/ASTBuilder.cpp turns the parse tree into the AST.
//
// Brace tokens: the lexer emits HLBRACE for a `{` where a value may start
// (only there may a hash literal begin) and LBRACE after a value (resource
// bodies, defaults, overrides, and blocks after conditions). Blocks accept
// both. `[` after a value with no whitespace is LBRACK (access); elsewhere
// it is LISTSTART (array literal).
parser grammar PuppetParser;

options { tokenVocab = PuppetLexer; }

program : statements EOF ;

eppProgram : eppParameters? statements EOF ;

eppParameters : PIPE parameterList? PIPE ;

// A `${...}` interpolation body.
interpolation : statements EOF ;

// `;` separates statements: it cannot stand alone, nor end a block or the
// file (Puppet: "Syntax error at '}'" / "at end of input").
statements : (statement (SEMIC? statement)*)? ;

statement
  : definition
  | statementCall
  | statementExpr
  | EPP_TEXT
  | EPP_RENDER_START statementExpr? EPP_RENDER_END
  ;

definition
  : classDef
  | defineDef
  | nodeDef
  | functionDef
  | typeAlias
  | importStmt
  ;

// STMT_NAME: the name of a statement function (include, notice...), which
// may be called without parentheses.
statementCall
  : STMT_NAME (expr (COMMA expr)*)?
  ;

// Resource expressions appear only at statement level and as operands of
// relationship arrows, as in Puppet. The arrows join operands here (and in
// parentheses), not inside expr: ASTBuilder nests the operands' operators
// and the arrows by precedence as one list (`$a = A -> B` assigns A -> B).
statementExpr
  : operand (edgeOp operand)*
  ;

operand
  : resourceExpr
  | VARIABLE ASSIGN resourceExpr   // `$r = file { ... }`: the references
  | expr
  ;

edgeOp : IN_EDGE | IN_EDGE_SUB | OUT_EDGE | OUT_EDGE_SUB ;

resourceExpr
  : (AT | ATAT)? resourceType lbrace resourceBody (SEMIC resourceBody)* SEMIC? RBRACE  #resourceDecl
  | REF lbrace attributeOps? RBRACE                                                 #resourceDefaults
  | overrideRef lbrace attributeOps? RBRACE                                         #resourceOverride
  | overrideCollector lbrace attributeOps? RBRACE                                   #collectorOverride
  ;

resourceType
  : NAME
  | STMT_NAME
  | CLASS
  | typeRef
  ;

// `Foo['a'] {` where a statement may start: the lexer tags the reference
// OVERRIDE_REF when an attribute or `}` follows the brace (an override),
// TYPE_REF otherwise (a declaration of the type `Resource['file']`), so that
// neither needs unbounded lookahead to tell from an expression such as
// `Foo['a'] -> Bar['b']` or `$x =~ Array[String] {`.
typeRef : TYPE_REF (LBRACK (expr (COMMA expr)*)? COMMA? RBRACK)+ ;

overrideRef : OVERRIDE_REF (LBRACK (expr (COMMA expr)*)? COMMA? RBRACK)+ ;

resourceBody : expr COLON attributeOps? ;

attributeOps : attributeOp (COMMA attributeOp)* COMMA? ;

attributeOp
  : attributeName (FARROW | PARROW) expr
  | TIMES FARROW expr
  ;

attributeName : NAME | STMT_NAME | CALL_NAME | keyword ;

keyword
  : AND | APPLICATION | ATTR | CASE | CLASS | CONSUMES | DEFAULT | DEFINE
  | ELSE | ELSIF | FALSE | FUNCTION | IF | IMPORT | IN | INHERITS | NODE | OR
  | PRIVATE | PRODUCES | SITE | TRUE | TYPE | UNDEF | UNIT | UNLESS
  ;

// A collector followed by `{` where a statement may start overrides what
// it collects; the lexer tags its reference OVERRIDE_COLLECT_REF (as
// OVERRIDE_REF, so that the choice takes no lookahead past the query).
collector : COLLECT_REF collectorQuery ;

overrideCollector : OVERRIDE_COLLECT_REF collectorQuery ;

collectorQuery
  : LCOLLECT query? RCOLLECT
  | LLCOLLECT query? RRCOLLECT
  ;

// `and` binds tighter than `or`; both associate to the left. (Written
// without left recursion: ANTLR's precedence predicates for it would reach
// every decision whose lookahead passes through `primary`.)
query : queryTerm (OR queryTerm)* ;

queryTerm : queryAtom (AND queryAtom)* ;

queryAtom
  : lparen query RPAREN                      #queryParen
  | attributeName (EQ | NE) primary          #queryCompare
  ;

// An expression is a flat list of operands and the infix operators and
// selectors between them: ASTBuilder nests them by precedence (Puppet's,
// tightest first: `in`; `=~ !~`; `* / %`; `+ -`; `<< >>`; `== !=`;
// `< <= > >=`; the selector; `and`; `or`; the arrows (see statementExpr);
// `=`, the only right-associative one). As in Puppet, a selector takes everything down to
// comparisons as its control (`1 + $a ? {...}` selects on 1 + $a); its result
// then combines with any operator (`$a ? {...} + 1`, `$a ? {...}[0]`).
// Keeping the list flat keeps the parser's choices LL(1) (but for `-` and
// `*`, which may also start statements) and its tree shallow.
expr
  : unaryExpr
    ( ( IN | MATCH | NOMATCH | TIMES | DIV | MOD | PLUS | MINUS | LSHIFT
      | RSHIFT | EQ | NE | LT | LE | GT | GE | AND | OR | ASSIGN
      ) unaryExpr
    | QMARK lbrace selectorEntry (COMMA selectorEntry)* COMMA? RBRACE postfixOp*
    )*
  ;

// Prefix operators bind looser than access and method calls (`-$a[0]` is
// -($a[0])) and tighter than any infix operator.
unaryExpr
  : NOT unaryExpr
  | (MINUS | TIMES) unaryExpr
  | primary postfixOp*
  ;

postfixOp
  : LBRACK (expr (COMMA expr)*)? COMMA? RBRACK                        #accessOp
  | DOT (CALL_NAME LPAREN arguments? RPAREN | methodName) lambda?    #methodCallOp
  ;

// A method name followed by `(` is a CALL_NAME (see the lexer).
methodName
  : NAME | STMT_NAME | TYPE | APPLICATION | CONSUMES | PRODUCES | SITE | UNIT
  ;

arguments : expr (COMMA expr)* COMMA? ;

selectorEntry : expr FARROW expr ;

primary
  : NUMBER                                          #literal
  | SQSTRING                                        #literal
  | DQSTRING                                        #literal
  | HEREDOC                                         #literal
  | REGEX                                           #literal
  | TRUE                                            #literal
  | FALSE                                           #literal
  | UNDEF                                           #literal
  | DEFAULT                                         #literal
  | VARIABLE                                        #variable
  | (CALL_NAME | CALL_REF) LPAREN arguments? RPAREN lambda? #call
  | (NAME | STMT_NAME)                               #bareName
  | collector                                       #collectorExpr
  | REF                                             #reference
  | lparen expr (edgeOp expr)* RPAREN               #paren
  | LISTSTART (expr (COMMA expr)*)? COMMA? RBRACK   #array
  | HLBRACE (hashEntry (COMMA hashEntry)*)? COMMA? RBRACE #hash
  | ifExpr                                          #ifPrimary
  | unlessExpr                                      #unlessPrimary
  | caseExpr                                        #casePrimary
  | (APPLICATION | CONSUMES | PRODUCES | SITE | UNIT) #bareKeyword
  ;

// Keywords may be hash keys (`{ type => 'a' }`); true, false, undef and
// default keep their literal meaning.
hashEntry
  : expr FARROW expr
  | keyword FARROW expr
  ;

lbrace : LBRACE | HLBRACE ;

// `(` first on a line is WSLPAREN: it never starts a call's arguments.
lparen : LPAREN | WSLPAREN ;

block : lbrace statements RBRACE ;

ifExpr : IF expr block elsifPart* (ELSE block)? ;

elsifPart : ELSIF expr block ;

unlessExpr : UNLESS expr block (ELSE block)? ;

caseExpr : CASE expr lbrace caseOption* RBRACE ;

caseOption : expr (COMMA expr)* COMMA? COLON block ;

lambda : PIPE parameterList? PIPE (RSHIFT typeExpr)? block ;

parameterList : parameter (COMMA parameter)* COMMA? ;

parameter : typeExpr? TIMES? VARIABLE (ASSIGN expr)? ;

typeExpr : REF (LBRACK (expr (COMMA expr)*)? COMMA? RBRACK)? ;

classDef
  : CLASS definitionName (lparen parameterList? RPAREN)? (INHERITS definitionName)? block
  ;

definitionName : NAME | STMT_NAME | CALL_NAME | keyword ;

defineDef : DEFINE definitionName (lparen parameterList? RPAREN)? block ;

nodeDef : NODE hostMatch (COMMA hostMatch)* COMMA? (INHERITS hostMatch)? block ;

hostMatch
  : DEFAULT
  | hostNamePart (DOT hostNamePart)*
  | SQSTRING
  | DQSTRING
  | REGEX
  ;

hostNamePart : NAME | STMT_NAME | CALL_NAME | NUMBER | keyword ;

functionDef
  : FUNCTION definitionName (lparen parameterList? RPAREN)? (RSHIFT typeExpr)? block
  ;

typeAlias : TYPE REF ASSIGN expr ;

importStmt : IMPORT importPattern (COMMA importPattern)* ;

importPattern : SQSTRING | DQSTRING ;
