//===- ManifestLexer.cpp - Puppet's context-sensitive lexer ---------------===//
#include "ManifestLexer.h"

#include "PuppetParser.h"

#include "llvm/ADT/StringSwitch.h"

using namespace cppet;
using namespace cppet::parse;
using P = cppet::grammar::PuppetParser;

namespace {

bool isWordChar(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') ||
         (C >= '0' && C <= '9') || C == '_';
}
bool isLower(char C) { return (C >= 'a' && C <= 'z') || C == '_'; }
bool isUpper(char C) { return C >= 'A' && C <= 'Z'; }
bool isDigit(char C) { return C >= '0' && C <= '9'; }
bool isHexDigit(char C) {
  return isDigit(C) || (C >= 'a' && C <= 'f') || (C >= 'A' && C <= 'F');
}
bool isBlank(char C) { return C == ' ' || C == '\t' || C == '\r'; }

size_t keywordType(llvm::StringRef Word) {
  return llvm::StringSwitch<size_t>(Word)
      .Case("and", P::AND)
      .Case("application", P::APPLICATION)
      .Case("attr", P::ATTR)
      .Case("case", P::CASE)
      .Case("class", P::CLASS)
      .Case("consumes", P::CONSUMES)
      .Case("default", P::DEFAULT)
      .Case("define", P::DEFINE)
      .Case("else", P::ELSE)
      .Case("elsif", P::ELSIF)
      .Case("false", P::FALSE)
      .Case("function", P::FUNCTION)
      .Case("if", P::IF)
      .Case("import", P::IMPORT)
      .Case("in", P::IN)
      .Case("inherits", P::INHERITS)
      .Case("node", P::NODE)
      .Case("or", P::OR)
      .Case("private", P::PRIVATE)
      .Case("produces", P::PRODUCES)
      .Case("site", P::SITE)
      .Case("true", P::TRUE)
      .Case("type", P::TYPE)
      .Case("undef", P::UNDEF)
      .Case("unit", P::UNIT)
      .Case("unless", P::UNLESS)
      .Default(P::NAME);
}

/// Puppet's statement functions: a statement may call them without
/// parentheses (`include apache`).
bool isStatementFunction(llvm::StringRef Word) {
  return llvm::StringSwitch<bool>(Word)
      .Cases("include", "require", "contain", "realize", "tag", true)
      .Cases("notice", "info", "debug", "warning", "err", true)
      .Cases("fail", "crit", "emerg", "alert", true)
      .Cases("break", "next", "return", true)
      .Default(false);
}

/// Skips a quoted string starting at the opening quote; returns the offset
/// past the closing quote, or End.
uint32_t skipQuoted(llvm::StringRef Text, uint32_t From, uint32_t End);

uint32_t skipQuoted(llvm::StringRef Text, uint32_t From, uint32_t End) {
  char Quote = Text[From];
  uint32_t I = From + 1;
  while (I < End) {
    char C = Text[I];
    if (C == '\\') {
      I += 2;
      continue;
    }
    if (C == Quote)
      return I + 1;
    if (Quote == '"' && C == '$' && I + 1 < End && Text[I + 1] == '{') {
      I = skipInterpolationBody(Text, I + 2, End);
      continue;
    }
    ++I;
  }
  return End + 1;
}

} // namespace

uint32_t cppet::parse::skipInterpolationBody(llvm::StringRef Text,
                                             uint32_t From, uint32_t End) {
  unsigned Depth = 1;
  uint32_t I = From;
  while (I < End) {
    char C = Text[I];
    if (C == '{') {
      ++Depth;
    } else if (C == '}') {
      if (--Depth == 0)
        return I + 1;
    } else if (C == '"' || C == '\'') {
      I = skipQuoted(Text, I, End);
      continue;
    }
    ++I;
  }
  return End + 1;
}

Lexer::Lexer(llvm::StringRef Text, uint32_t FileId, uint32_t Begin,
             uint32_t End, DiagnosticEngine &Diags, TokenList &Owner,
             LexMode Mode)
    : Text(Text), FileId(FileId), Pos(Begin),
      End(std::min<uint32_t>(End, Text.size())), Diags(Diags), Owner(Owner),
      Mode(Mode) {}

std::unique_ptr<antlr4::Token> TokenList::nextToken() {
  if (Next < Tokens.size())
    return std::move(Tokens[Next++]);
  // Past the end: repeat EOF.
  auto T = std::make_unique<antlr4::CommonToken>(
      std::make_pair(static_cast<antlr4::TokenSource *>(this),
                     static_cast<antlr4::CharStream *>(nullptr)),
      antlr4::Token::EOF, antlr4::Token::DEFAULT_CHANNEL, 0, 0);
  T->setText("<EOF>");
  return T;
}

std::string Lexer::followedBy(uint32_t From) const {
  llvm::StringRef Rest = Text.substr(From, End - From);
  Rest = Rest.substr(0, Rest.find_first_of("\r\n"));
  if (Rest.size() > 5)
    return Rest.substr(0, 5).str() + "...";
  return Rest.str();
}

void Lexer::error(uint32_t Begin, uint32_t EndOff, std::string Message) {
  ++NumErrors;
  Diags.error({FileId, Begin, EndOff}, "syntax", std::move(Message));
}

void Lexer::emitText(size_t Type, uint32_t Begin, uint32_t EndOff,
                     std::string TokenText) {
  auto T = std::make_unique<antlr4::CommonToken>(
      std::make_pair(static_cast<antlr4::TokenSource *>(&Owner),
                     static_cast<antlr4::CharStream *>(nullptr)),
      Type, antlr4::Token::DEFAULT_CHANNEL, Begin,
      EndOff == Begin ? Begin : EndOff - 1);
  T->setText(TokenText);
  T->setLine(1);
  T->setCharPositionInLine(0);
  Tokens.push_back(std::move(T));
  PrevType = Type;
  SpaceBefore = false;
  if (Type == P::NOT || Type == P::MINUS || Type == P::TIMES) {
    if (++PrefixRun > MaxNestingDepth) {
      error(Begin, EndOff,
            "Syntax error at '" + Text.substr(Begin, EndOff - Begin).str() +
                "', expressions are nested too deeply");
      Stopped = true;
    }
  } else {
    PrefixRun = 0;
  }
}

void Lexer::emit(size_t Type, uint32_t Begin, uint32_t EndOff) {
  emitText(Type, Begin, EndOff, Text.substr(Begin, EndOff - Begin).str());
}

bool Lexer::startsLine(uint32_t Offset) const {
  while (Offset > 0) {
    char C = Text[Offset - 1];
    if (C == '\n')
      return true;
    if (!isBlank(C))
      return false;
    --Offset;
  }
  return true;
}

bool Lexer::prevEndsValue() const {
  switch (PrevType) {
  case P::NAME:
  case P::STMT_NAME:
  case P::REF:
  case P::VARIABLE:
  case P::NUMBER:
  case P::SQSTRING:
  case P::DQSTRING:
  case P::HEREDOC:
  case P::REGEX:
  case P::TRUE:
  case P::FALSE:
  case P::UNDEF:
  case P::DEFAULT:
  case P::RPAREN:
  case P::RBRACK:
  case P::RBRACE:
  case P::RCOLLECT:
  case P::RRCOLLECT:
    return true;
  default:
    return false;
  }
}

std::vector<std::unique_ptr<antlr4::Token>> Lexer::lexAll() {
  while (!Stopped) {
    if (Mode == LexMode::Epp && !InEppCode) {
      if (Pos >= End)
        break;
      lexEppText();
      continue;
    }
    skipTrivia();
    if (Pos >= End)
      break;
    lexToken();
  }
  if (Mode == LexMode::Epp && InEppCode && !Stopped)
    error(End, End,
          "Syntax error at end of input, unbalanced epp tag, "
          "reached end of input without '%>'");
  markResourceRefs();
  emitText(antlr4::Token::EOF, End, End, "<EOF>");
  return std::move(Tokens);
}

/// Whether a token of type \p Type may name an attribute (or be the `*` of
/// `* => $hash`).
static bool startsAttribute(size_t Type) {
  switch (Type) {
  case P::NAME:
  case P::STMT_NAME:
  case P::CALL_NAME:
  case P::TIMES:
  case P::AND:
  case P::APPLICATION:
  case P::ATTR:
  case P::CASE:
  case P::CLASS:
  case P::CONSUMES:
  case P::DEFAULT:
  case P::DEFINE:
  case P::ELSE:
  case P::ELSIF:
  case P::FALSE:
  case P::FUNCTION:
  case P::IF:
  case P::IMPORT:
  case P::IN:
  case P::INHERITS:
  case P::NODE:
  case P::OR:
  case P::PRIVATE:
  case P::PRODUCES:
  case P::SITE:
  case P::TRUE:
  case P::TYPE:
  case P::UNDEF:
  case P::UNIT:
  case P::UNLESS:
    return true;
  default:
    return false;
  }
}

/// Whether a token of type \p Type needs an operand after it (an operator,
/// an opening bracket, a keyword before a condition): no statement starts
/// after it.
static bool expectsOperand(size_t Type) {
  switch (Type) {
  case P::IF:
  case P::ELSIF:
  case P::UNLESS:
  case P::CASE:
  case P::AND:
  case P::OR:
  case P::IN:
  case P::NOT:
  case P::MINUS:
  case P::TIMES:
  case P::PLUS:
  case P::DIV:
  case P::MOD:
  case P::LSHIFT:
  case P::RSHIFT:
  case P::EQ:
  case P::NE:
  case P::LT:
  case P::LE:
  case P::GT:
  case P::GE:
  case P::MATCH:
  case P::NOMATCH:
  case P::QMARK:
  case P::LPAREN:
  case P::WSLPAREN:
  case P::LISTSTART:
  case P::LBRACK:
  case P::COMMA:
  case P::FARROW:
  case P::PARROW:
  case P::PIPE:
  case P::DOT:
    return true;
  default:
    return false;
  }
}

void Lexer::markResourceRefs() {
  auto TypeAt = [&](size_t I) {
    return I < Tokens.size() ? Tokens[I]->getType() : antlr4::Token::EOF;
  };
  for (size_t I = 0; I + 1 < Tokens.size(); ++I) {
    if (I > 0 && expectsOperand(TypeAt(I - 1)))
      continue;
    if (TypeAt(I) == P::COLLECT_REF) {
      // `Foo <| ... |> {`: an override of what the collector collects.
      size_t J = I + 1;
      while (J < Tokens.size() && TypeAt(J) != P::RCOLLECT &&
             TypeAt(J) != P::RRCOLLECT)
        ++J;
      if (TypeAt(J + 1) == P::LBRACE || TypeAt(J + 1) == P::HLBRACE)
        static_cast<antlr4::CommonToken *>(Tokens[I].get())
            ->setType(P::OVERRIDE_COLLECT_REF);
      continue;
    }
    if (TypeAt(I) != P::REF || TypeAt(I + 1) != P::LBRACK)
      continue;
    // Skip the `[...]` groups: a brace after them makes a resource
    // expression (a statement cannot start with `{`).
    size_t J = I + 1;
    while (TypeAt(J) == P::LBRACK) {
      unsigned Open = 0;
      do {
        size_t T = TypeAt(J);
        if (T == P::LBRACK || T == P::LISTSTART)
          ++Open;
        else if (T == P::RBRACK)
          --Open;
        else if (T == antlr4::Token::EOF)
          return;
        ++J;
      } while (Open);
    }
    size_t Brace = TypeAt(J);
    if (Brace != P::LBRACE && Brace != P::HLBRACE)
      continue;
    size_t Next = TypeAt(J + 1);
    size_t Arrow = TypeAt(J + 2);
    bool Override =
        Next == P::RBRACE ||
        (startsAttribute(Next) && (Arrow == P::FARROW || Arrow == P::PARROW));
    static_cast<antlr4::CommonToken *>(Tokens[I].get())
        ->setType(Override ? P::OVERRIDE_REF : P::TYPE_REF);
  }
}

void Lexer::skipTrivia() {
  while (Pos < End) {
    char C = Text[Pos];
    if (C == '\n') {
      ++Pos;
      SpaceBefore = true;
      if (HeredocResume) {
        Pos = std::max(Pos, HeredocResume);
        HeredocResume = 0;
      }
      continue;
    }
    if (isBlank(C) || C == '\f' || C == '\v') {
      ++Pos;
      SpaceBefore = true;
      continue;
    }
    if (C == '#') {
      while (Pos < End && Text[Pos] != '\n')
        ++Pos;
      SpaceBefore = true;
      continue;
    }
    if (C == '/' && peek(1) == '*') {
      size_t Close = Text.find("*/", Pos + 2);
      if (Close == llvm::StringRef::npos || Close + 2 > End) {
        error(Pos, Pos + 2, "Unclosed multiline comment");
        Pos = End;
        Stopped = true;
        return;
      }
      Pos = Close + 2;
      SpaceBefore = true;
      continue;
    }
    return;
  }
}

void Lexer::lexToken() {
  char C = peek();
  if (Mode == LexMode::Epp && lexEppClose())
    return;
  if (isLower(C) || isUpper(C) ||
      (C == ':' && peek(1) == ':' && (isLower(peek(2)) || isUpper(peek(2)))))
    return lexName();
  if (isDigit(C))
    return lexNumber();
  switch (C) {
  case '$':
    return lexVariable();
  case '\'':
    return lexSingleQuoted();
  case '"':
    return lexDoubleQuoted();
  case '/':
    return lexSlash();
  case '@':
    if (peek(1) == '(')
      return lexHeredoc();
    break;
  default:
    break;
  }
  lexPunctuation();
}

void Lexer::lexName() {
  uint32_t Begin = Pos;
  if (peek() == ':')
    Pos += 2;
  bool Upper = isUpper(peek());
  while (true) {
    while (Pos < End && isWordChar(Text[Pos]))
      ++Pos;
    // Bare words may contain dashes (`openssh-server`) if a word character
    // ends them.
    while (!Upper && peek() == '-' && Pos + 1 < End) {
      uint32_t Dash = Pos;
      while (Dash < End && Text[Dash] == '-')
        ++Dash;
      if (Dash >= End || !isWordChar(Text[Dash]))
        break;
      Pos = Dash;
      while (Pos < End && isWordChar(Text[Pos]))
        ++Pos;
    }
    // Every segment of a qualified name has the case of the first one.
    if (peek() == ':' && peek(1) == ':' &&
        (Upper ? isUpper(peek(2)) : isLower(peek(2)))) {
      Pos += 2;
      continue;
    }
    break;
  }
  llvm::StringRef Word = Text.substr(Begin, Pos - Begin);
  size_t Type = Upper || Word.contains('-') ? size_t(Upper ? P::REF : P::NAME)
                                            : keywordType(Word);
  if (FirstKeywordIsName && Tokens.empty() && Type != P::NAME &&
      Type != P::REF && (peek() == '[' || peek() == '.'))
    Type = P::NAME;
  if (Type == P::NAME && isStatementFunction(Word))
    Type = P::STMT_NAME;
  emit(Type, Begin, Pos);
}

void Lexer::lexVariable() {
  uint32_t Begin = Pos++;
  if (peek() == ':' && peek(1) == ':')
    Pos += 2;
  uint32_t NameBegin = Pos;
  while (true) {
    while (Pos < End && isWordChar(Text[Pos]))
      ++Pos;
    if (Pos > NameBegin && peek() == ':' && peek(1) == ':' &&
        isWordChar(peek(2))) {
      Pos += 2;
      continue;
    }
    break;
  }
  if (Pos == NameBegin) {
    error(Begin, Begin + 1, "Syntax error at '$', expected a variable name");
    return;
  }
  emit(P::VARIABLE, Begin, Pos);
}

void Lexer::lexNumber() {
  uint32_t Begin = Pos;
  if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
    Pos += 2;
    while (Pos < End && isHexDigit(Text[Pos]))
      ++Pos;
  } else {
    while (Pos < End && isDigit(Text[Pos]))
      ++Pos;
    if (peek() == '.' && isDigit(peek(1))) {
      ++Pos;
      while (Pos < End && isDigit(Text[Pos]))
        ++Pos;
    }
    if ((peek() == 'e' || peek() == 'E') &&
        (isDigit(peek(1)) || (peek(1) == '-' && isDigit(peek(2))))) {
      Pos += 2;
      while (Pos < End && isDigit(Text[Pos]))
        ++Pos;
    }
  }
  if (Pos < End && isWordChar(Text[Pos])) {
    while (Pos < End && isWordChar(Text[Pos]))
      ++Pos;
    error(Begin, Pos,
          "Illegal number '" + Text.substr(Begin, Pos - Begin).str() + "'");
  } else {
    checkNumber(Begin);
  }
  emit(P::NUMBER, Begin, Pos);
}

void Lexer::checkNumber(uint32_t Begin) {
  llvm::StringRef Num = Text.substr(Begin, Pos - Begin);
  if (Num.startswith_insensitive("0x")) {
    if (Num.size() == 2)
      error(Begin, Pos, "Illegal number '" + Num.str() + "'");
    return;
  }
  bool Float = Num.find_first_of(".eE") != llvm::StringRef::npos;
  if (!Float && Num.size() > 1 && Num[0] == '0' &&
      Num.find_first_of("89") != llvm::StringRef::npos)
    error(Begin, Pos, "Not a valid octal number '" + Num.str() + "'");
}

void Lexer::lexSingleQuoted() {
  uint32_t Begin = Pos;
  uint32_t Stop = skipQuoted(Text, Pos, End);
  if (Stop > End) {
    error(Begin, Begin + 1,
          "Unclosed quote after \"'\" followed by '" + followedBy(Begin + 1) +
              "'");
    Pos = End;
    Stopped = true;
    return;
  }
  Pos = Stop;
  emit(P::SQSTRING, Begin, Pos);
}

void Lexer::lexDoubleQuoted() {
  uint32_t Begin = Pos;
  uint32_t Stop = skipQuoted(Text, Pos, End);
  if (Stop > End) {
    error(Begin, Begin + 1,
          "Unclosed quote after '\"' followed by '" + followedBy(Begin + 1) +
              "'");
    Pos = End;
    Stopped = true;
    return;
  }
  Pos = Stop;
  emit(P::DQSTRING, Begin, Pos);
}

void Lexer::lexSlash() {
  uint32_t Begin = Pos;
  bool RegexAllowed = !prevEndsValue() || PrevType == P::RBRACE;
  if (RegexAllowed) {
    uint32_t I = Pos + 1;
    while (I < End && Text[I] != '\n') {
      if (Text[I] == '\\') {
        I += 2;
        continue;
      }
      if (Text[I] == '/') {
        Pos = I + 1;
        emit(P::REGEX, Begin, Pos);
        return;
      }
      ++I;
    }
  }
  ++Pos;
  emit(P::DIV, Begin, Pos);
}

void Lexer::lexHeredoc() {
  uint32_t Begin = Pos;
  size_t Close = Text.find(')', Pos);
  size_t Newline = Text.find('\n', Pos);
  if (Close == llvm::StringRef::npos || Close >= End ||
      (Newline != llvm::StringRef::npos && Newline < Close)) {
    error(Begin, Begin + 2, "Syntax error at '@(', unterminated heredoc tag");
    Pos += 2;
    return;
  }
  llvm::StringRef Spec = Text.substr(Pos + 2, Close - Pos - 2);
  Pos = Close + 1;
  HeredocInfo Info;
  llvm::StringRef Tag = Spec;
  size_t Slash = Spec.find('/');
  if (Slash != llvm::StringRef::npos) {
    Info.Escapes = Spec.substr(Slash + 1).trim().str();
    Tag = Spec.substr(0, Slash);
    if (Info.Escapes.empty())
      Info.Escapes = "trnsuL$";
    for (size_t I = 0; I < Info.Escapes.size(); ++I)
      if (Info.Escapes.find(Info.Escapes[I], I + 1) != std::string::npos)
        error(Begin, Pos,
              "An escape char for @() may only appear once. Got '" +
                  Info.Escapes + "'");
    for (char E : Info.Escapes)
      if (llvm::StringRef("trnsuL$").find(E) == llvm::StringRef::npos)
        error(Begin, Pos,
              std::string("Invalid heredoc escape char. Only t, r, n, s, u, "
                          "L, $ allowed. Got '") +
                  E + "'");
  }
  size_t Colon = Tag.find(':');
  if (Colon != llvm::StringRef::npos) {
    Info.Syntax = Tag.substr(Colon + 1).trim().str();
    Tag = Tag.substr(0, Colon);
  }
  Tag = Tag.trim();
  if (Tag.size() >= 2 && Tag.front() == '"' && Tag.back() == '"') {
    Info.Interpolate = true;
    Tag = Tag.drop_front().drop_back();
  }
  if (Tag.empty()) {
    error(Begin, Pos, "Syntax error at '@(', a heredoc needs an end tag");
    return;
  }
  // The body starts on the line after this one, or after the previous
  // heredoc's body when several heredocs share a line.
  uint32_t BodyBegin = HeredocResume;
  if (!BodyBegin) {
    size_t NL = Text.find('\n', Pos);
    BodyBegin = NL == llvm::StringRef::npos || NL >= End ? End : NL + 1;
  }
  uint32_t LineBegin = BodyBegin;
  while (LineBegin < End) {
    size_t NL = Text.find('\n', LineBegin);
    uint32_t LineEnd = NL == llvm::StringRef::npos || NL >= End ? End : NL;
    llvm::StringRef Line = Text.substr(LineBegin, LineEnd - LineBegin);
    llvm::StringRef Rest = Line.ltrim(" \t");
    unsigned Indent = Line.size() - Rest.size();
    bool HasMargin = Rest.consume_front("|");
    Rest = Rest.ltrim(" \t");
    bool Chomp = Rest.consume_front("-");
    Rest = Rest.ltrim(" \t");
    if (Rest.rtrim(" \t\r") == Tag) {
      Info.BodyBegin = BodyBegin;
      Info.BodyEnd = LineBegin;
      Info.MarginBegin = LineBegin;
      Info.Margin = HasMargin ? Indent : 0;
      Info.Chomp = Chomp;
      HeredocResume = LineEnd < End ? LineEnd + 1 : End;
      if (!HeredocResume)
        HeredocResume = End;
      Heredocs[Begin] = Info;
      emit(P::HEREDOC, Begin, Pos);
      return;
    }
    LineBegin = LineEnd + 1;
  }
  error(Begin, Pos, "Heredoc without end-tagged line '" + Tag.str() + "'");
  Pos = End;
  Stopped = true;
}

void Lexer::openNesting(size_t Type, uint32_t Len) {
  uint32_t Begin = Pos;
  Pos += Len;
  if (++Depth > MaxNestingDepth) {
    error(Begin, Pos,
          "Syntax error at '" + Text.substr(Begin, Len).str() +
              "', expressions are nested too deeply");
    Stopped = true;
    return;
  }
  emit(Type, Begin, Pos);
}

void Lexer::retagPrevious(
    std::initializer_list<std::pair<size_t, size_t>> FromTo) {
  if (Tokens.empty())
    return;
  auto *Prev = static_cast<antlr4::CommonToken *>(Tokens.back().get());
  for (auto [From, To] : FromTo)
    if (Prev->getType() == From) {
      Prev->setType(To);
      return;
    }
}

void Lexer::lexPunctuation() {
  uint32_t Begin = Pos;
  auto Tok = [&](size_t Type, uint32_t Len) {
    Pos += Len;
    emit(Type, Begin, Pos);
  };
  auto Close = [&](size_t Type) {
    if (Depth)
      --Depth;
    Tok(Type, 1);
  };
  char C = peek();
  char N = peek(1);
  switch (C) {
  case '(':
    if (startsLine(Begin))
      return openNesting(P::WSLPAREN, 1);
    retagPrevious({{P::NAME, P::CALL_NAME},
                   {P::STMT_NAME, P::CALL_NAME},
                   {P::TYPE, P::CALL_NAME},
                   {P::REF, P::CALL_REF}});
    return openNesting(P::LPAREN, 1);
  case ')':
    return Close(P::RPAREN);
  case '[':
    return openNesting(
        prevEndsValue() && !SpaceBefore ? P::LBRACK : P::LISTSTART, 1);
  case ']':
    return Close(P::RBRACK);
  case '{':
    return openNesting(prevEndsValue() ? P::LBRACE : P::HLBRACE, 1);
  case '}':
    return Close(P::RBRACE);
  case ';':
    return Tok(P::SEMIC, 1);
  case ',':
    return Tok(P::COMMA, 1);
  case '.':
    return Tok(P::DOT, 1);
  case ':':
    return Tok(P::COLON, 1);
  case '?':
    return Tok(P::QMARK, 1);
  case '*':
    return Tok(P::TIMES, 1);
  case '%':
    return Tok(P::MOD, 1);
  case '|':
    if (N == '>' && peek(2) == '>')
      return Tok(P::RRCOLLECT, 3);
    if (N == '>')
      return Tok(P::RCOLLECT, 2);
    return Tok(P::PIPE, 1);
  case '<':
    if (N == '<' && peek(2) == '|') {
      retagPrevious({{P::REF, P::COLLECT_REF}});
      return Tok(P::LLCOLLECT, 3);
    }
    if (N == '<')
      return Tok(P::LSHIFT, 2);
    if (N == '|') {
      retagPrevious({{P::REF, P::COLLECT_REF}});
      return Tok(P::LCOLLECT, 2);
    }
    if (N == '=')
      return Tok(P::LE, 2);
    if (N == '-')
      return Tok(P::OUT_EDGE, 2);
    if (N == '~')
      return Tok(P::OUT_EDGE_SUB, 2);
    return Tok(P::LT, 1);
  case '>':
    if (N == '=')
      return Tok(P::GE, 2);
    if (N == '>')
      return Tok(P::RSHIFT, 2);
    return Tok(P::GT, 1);
  case '=':
    if (N == '=')
      return Tok(P::EQ, 2);
    if (N == '~')
      return Tok(P::MATCH, 2);
    if (N == '>')
      return Tok(P::FARROW, 2);
    return Tok(P::ASSIGN, 1);
  case '!':
    if (N == '=')
      return Tok(P::NE, 2);
    if (N == '~')
      return Tok(P::NOMATCH, 2);
    return Tok(P::NOT, 1);
  case '+':
    if (N == '=')
      return Tok(P::APPENDS, 2);
    if (N == '>')
      return Tok(P::PARROW, 2);
    return Tok(P::PLUS, 1);
  case '-':
    if (N == '=')
      return Tok(P::DELETES, 2);
    if (N == '>')
      return Tok(P::IN_EDGE, 2);
    return Tok(P::MINUS, 1);
  case '~':
    if (N == '>')
      return Tok(P::IN_EDGE_SUB, 2);
    return Tok(P::TILDE, 1);
  case '@':
    if (N == '@')
      return Tok(P::ATAT, 2);
    return Tok(P::AT, 1);
  default:
    break;
  }
  // An illegal character: report it (a whole UTF-8 sequence) and go on.
  uint32_t Len = 1;
  while (Pos + Len < End &&
         (static_cast<unsigned char>(Text[Pos + Len]) & 0xC0) == 0x80)
    ++Len;
  error(Begin, Begin + Len,
        "Syntax error at '" + Text.substr(Begin, Len).str() + "'");
  Pos += Len;
}

//===----------------------------------------------------------------------===//
// EPP
//===----------------------------------------------------------------------===//

bool Lexer::lexEppClose() {
  uint32_t Begin = Pos;
  bool Trim = false;
  if (startsWith("-%>")) {
    Trim = true;
    Pos += 3;
  } else if (startsWith("%>")) {
    Pos += 2;
  } else {
    return false;
  }
  if (InEppRender)
    emit(P::EPP_RENDER_END, Begin, Pos);
  InEppCode = false;
  InEppRender = false;
  if (Trim) {
    // `-%>` eats the spaces and tabs after it, then one line break (Puppet
    // 7.23: "A <%= 1 -%>  E" renders "A 1E").
    while (startsWith(" ") || startsWith("\t"))
      ++Pos;
    if (startsWith("\r\n"))
      Pos += 2;
    else if (startsWith("\n"))
      ++Pos;
  }
  return true;
}

void Lexer::lexEppText() {
  uint32_t Begin = Pos;
  std::string Out;
  auto Flush = [&](uint32_t Stop) {
    if (!Out.empty())
      emitText(P::EPP_TEXT, Begin, Stop, Out);
    Out.clear();
  };
  while (Pos < End) {
    if (startsWith("<%%")) {
      Out += "<%";
      Pos += 3;
      continue;
    }
    if (startsWith("%%>")) {
      Out += "%>";
      Pos += 3;
      continue;
    }
    if (!startsWith("<%")) {
      Out += Text[Pos++];
      continue;
    }
    uint32_t TagBegin = Pos;
    Pos += 2;
    if (peek() == '-') {
      ++Pos;
      while (!Out.empty() && (Out.back() == ' ' || Out.back() == '\t'))
        Out.pop_back();
    }
    Flush(TagBegin);
    if (peek() == '#') {
      size_t Close = Text.find("%>", Pos);
      if (Close == llvm::StringRef::npos || Close >= End) {
        error(TagBegin, Pos, "Syntax error at '<%#', unterminated comment");
        Pos = End;
        return;
      }
      bool Trim = Close > Pos && Text[Close - 1] == '-';
      Pos = Close + 2;
      while (Trim && (startsWith(" ") || startsWith("\t")))
        ++Pos;
      if (Trim && startsWith("\r\n"))
        Pos += 2;
      else if (Trim && startsWith("\n"))
        ++Pos;
      Begin = Pos;
      continue;
    }
    InEppCode = true;
    if (peek() == '=') {
      ++Pos;
      InEppRender = true;
      emit(P::EPP_RENDER_START, TagBegin, Pos);
    }
    return;
  }
  Flush(Pos);
}
