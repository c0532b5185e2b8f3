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

@parser::header {
#include <set>
#include <string>
}

@parser::members {
  /// True if the next token is a bare word naming one of Puppet's statement
  /// functions, which may be called without parentheses (a word right
  /// before `(` is a CALL_NAME).
  bool isStatementCall() {
    static const std::set<std::string> Names = {
        "include", "require", "contain", "realize", "tag", "notice",
        "info", "debug", "warning", "err", "fail", "crit", "emerg", "alert",
        "break", "next", "return"};
    antlr4::Token *T = _input->LT(1);
    if (T->getType() != NAME)
      return false;
    return Names.count(T->getText()) != 0;
  }
}

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

statementCall
  : {isStatementCall()}? NAME (expr (COMMA expr)*)?
  ;

// Resource expressions appear only at statement level and as operands of
// relationship arrows, as in Puppet.
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
  | accessRef lbrace attributeOps? RBRACE                                           #resourceOverride
  | collector lbrace attributeOps? RBRACE                                           #collectorOverride
  ;

resourceType
  : NAME
  | CLASS
  | accessRef
  ;

accessRef : REF (LBRACK (expr (COMMA expr)*)? COMMA? RBRACK)+ ;

resourceBody : expr COLON attributeOps? ;

attributeOps : attributeOp (COMMA attributeOp)* COMMA? ;

attributeOp
  : attributeName (FARROW | PARROW) expr
  | TIMES FARROW expr
  ;

attributeName : NAME | CALL_NAME | keyword ;

keyword
  : AND | APPLICATION | ATTR | CASE | CLASS | CONSUMES | DEFAULT | DEFINE
  | ELSE | ELSIF | FALSE | FUNCTION | IF | IMPORT | IN | INHERITS | NODE | OR
  | PRIVATE | PRODUCES | SITE | TRUE | TYPE | UNDEF | UNIT | UNLESS
  ;

collector
  : COLLECT_REF LCOLLECT query? RCOLLECT
  | COLLECT_REF LLCOLLECT query? RRCOLLECT
  ;

query
  : lparen query RPAREN                      #queryParen
  | attributeName (EQ | NE) primary          #queryCompare
  | query AND query                          #queryAnd
  | query OR query                           #queryOr
  ;

expr
  : primary                                                           #primaryExpr
  | expr LBRACK (expr (COMMA expr)*)? COMMA? RBRACK                   #accessExpr
  | expr DOT methodName (LPAREN arguments? RPAREN)? lambda?           #methodCallExpr
  | NOT expr                                                          #notExpr
  | (MINUS | TIMES) expr                                              #unaryExpr
  | expr IN expr                                                      #binaryExpr
  | expr (MATCH | NOMATCH) expr                                       #binaryExpr
  | expr (TIMES | DIV | MOD) expr                                     #binaryExpr
  | expr (PLUS | MINUS) expr                                          #binaryExpr
  | expr (LSHIFT | RSHIFT) expr                                       #binaryExpr
  | expr (EQ | NE) expr                                               #binaryExpr
  | expr (LT | LE | GT | GE) expr                                     #binaryExpr
  // As in Puppet, a selector takes everything down to comparisons as its
  // control (`1 + $a ? {...}` selects on 1 + $a); its result then combines
  // with any operator (`$a ? {...} + 1`).
  | expr QMARK lbrace selectorEntry (COMMA selectorEntry)* COMMA? RBRACE #selectorExpr
  | expr AND expr                                                     #binaryExpr
  | expr OR expr                                                      #binaryExpr
  | expr edgeOp expr                                                  #edgeExpr
  | <assoc=right> expr ASSIGN expr                                    #assignExpr
  ;

methodName
  : NAME | CALL_NAME | TYPE | APPLICATION | CONSUMES | PRODUCES | SITE | UNIT
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
  | NAME                                            #bareName
  | collector                                       #collectorExpr
  | REF                                             #reference
  | lparen expr RPAREN                              #paren
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

definitionName : NAME | CALL_NAME | keyword ;

defineDef : DEFINE definitionName (lparen parameterList? RPAREN)? block ;

nodeDef : NODE hostMatch (COMMA hostMatch)* COMMA? (INHERITS hostMatch)? block ;

hostMatch
  : DEFAULT
  | hostNamePart (DOT hostNamePart)*
  | SQSTRING
  | DQSTRING
  | REGEX
  ;

hostNamePart : NAME | CALL_NAME | NUMBER | keyword ;

functionDef
  : FUNCTION definitionName (lparen parameterList? RPAREN)? (RSHIFT typeExpr)? block
  ;

typeAlias : TYPE REF ASSIGN expr ;

importStmt : IMPORT importPattern (COMMA importPattern)* ;

importPattern : SQSTRING | DQSTRING ;
