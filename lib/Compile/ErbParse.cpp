//===- ErbParse.cpp - ERB scanning and the Ruby-subset parser -------------===//
//
// The template is split into text, code (`<% %>`) and output (`<%= %>`)
// segments with Puppet's trim mode '-'; code is lexed into one token stream
// (text and tag boundaries become tokens) so Ruby statements may span tags,
// and a recursive-descent parser builds the AST.
//
//===----------------------------------------------------------------------===//

#include "Erb.h"

#include "llvm/ADT/StringSet.h"

#include <cctype>
#include <set>

using namespace cppet;
using namespace cppet::erb;

namespace {

struct ParseError {
  std::string Message;
  unsigned Line;
};

enum class Tok : uint8_t {
  Text,
  OutBegin,
  OutEnd,
  Newline,
  Ident,
  Const,
  Ivar,
  Gvar,
  Int,
  Float,
  Str,
  Sym,
  Regex,
  Words,
  Label,
  Op,
  Eof,
};

struct StrPart {
  bool Code = false;
  std::string Text;
  unsigned Line = 0;
};

struct Token {
  Tok K = Tok::Eof;
  std::string S;
  std::vector<StrPart> Parts; // Str/Sym/Regex: literal and #{} code parts
  std::vector<std::string> Words;
  int64_t I = 0;
  double D = 0;
  unsigned Flags = 0;
  unsigned Line = 0;
  bool SpaceBefore = false;
};

const llvm::StringSet<> &keywords() {
  static const llvm::StringSet<> K = {
      "if",     "unless", "while",  "until", "case",  "when",     "then",
      "else",   "elsif",  "end",    "do",    "and",   "or",       "not",
      "begin",  "rescue", "ensure", "for",   "in",    "next",     "break",
      "return", "self",   "nil",    "true",  "false", "defined?", "def",
      "yield",  "class",  "module", "redo",  "retry"};
  return K;
}

bool isIdentStart(char C) {
  return std::isalpha(static_cast<unsigned char>(C)) || C == '_' ||
         static_cast<unsigned char>(C) >= 0x80;
}
bool isIdentChar(char C) {
  return isIdentStart(C) || std::isdigit(static_cast<unsigned char>(C));
}

//===----------------------------------------------------------------------===//
// Lexer for Ruby code
//===----------------------------------------------------------------------===//

class Lexer {
public:
  Lexer(llvm::StringRef Src, unsigned Line, std::vector<Token> &Out)
      : Src(Src), Line(Line), Out(Out) {}

  void run() {
    while (Pos < Src.size()) {
      char C = Src[Pos];
      if (C == ' ' || C == '\t' || C == '\r') {
        ++Pos;
        Space = true;
        continue;
      }
      if (C == '\\' && peek(1) == '\n') {
        Pos += 2;
        ++Line;
        Space = true;
        continue;
      }
      if (C == '\n') {
        push(Tok::Newline);
        ++Pos;
        ++Line;
        continue;
      }
      if (C == '#') {
        while (Pos < Src.size() && Src[Pos] != '\n')
          ++Pos;
        continue;
      }
      lexToken();
    }
  }

private:
  llvm::StringRef Src;
  size_t Pos = 0;
  unsigned Line;
  std::vector<Token> &Out;
  bool Space = true;

  char peek(size_t N) const {
    return Pos + N < Src.size() ? Src[Pos + N] : '\0';
  }

  Token &push(Tok K, std::string S = "") {
    Token T;
    T.K = K;
    T.S = std::move(S);
    T.Line = Line;
    T.SpaceBefore = Space;
    Space = false;
    Out.push_back(std::move(T));
    return Out.back();
  }

  [[noreturn]] void fail(const std::string &M) { throw ParseError{M, Line}; }

  /// True when the previous token ends a value (so `/`, `%`, `:`, `?` are
  /// operators rather than the start of a literal).
  bool afterValue() const {
    if (Out.empty())
      return false;
    const Token &T = Out.back();
    switch (T.K) {
    case Tok::Ident:
      return !keywords().count(T.S) || T.S == "end" || T.S == "self" ||
             T.S == "nil" || T.S == "true" || T.S == "false";
    case Tok::Const:
    case Tok::Ivar:
    case Tok::Gvar:
    case Tok::Int:
    case Tok::Float:
    case Tok::Str:
    case Tok::Sym:
    case Tok::Regex:
    case Tok::Words:
      return true;
    case Tok::Op:
      return T.S == ")" || T.S == "]" || T.S == "}";
    default:
      return false;
    }
  }
  /// A method name followed by a space and a literal-looking start: a
  /// command argument (`split /,/`).
  bool commandArgPosition() const {
    return !Out.empty() && Out.back().K == Tok::Ident && Space &&
           !keywords().count(Out.back().S) && peek(1) != ' ' && peek(1) != '=';
  }

  static char closerOf(char Open) {
    switch (Open) {
    case '(':
      return ')';
    case '[':
      return ']';
    case '{':
      return '}';
    case '<':
      return '>';
    default:
      return Open;
    }
  }

  /// Reads a quoted body up to Close (nesting Open), handling escapes and,
  /// if Interp, #{...} parts. Pos is just past the opening delimiter.
  std::vector<StrPart> readQuoted(char Open, char Close, bool Interp,
                                  bool RegexBody) {
    std::vector<StrPart> Parts(1);
    Parts[0].Line = Line;
    int Nest = 0;
    while (true) {
      if (Pos >= Src.size())
        fail("unterminated string meets end of file");
      char C = Src[Pos];
      if (C == '\n')
        ++Line;
      if (C == Close && Nest == 0) {
        ++Pos;
        break;
      }
      if (Open != Close && C == Open)
        ++Nest;
      else if (Open != Close && C == Close)
        --Nest;
      if (C == '\\' && Pos + 1 < Src.size()) {
        char N = Src[Pos + 1];
        Pos += 2;
        if (RegexBody) {
          if (N == Close && Close == '/')
            Parts.back().Text += N;
          else
            Parts.back().Text += std::string("\\") + N;
          continue;
        }
        if (!Interp) {
          if (N == Close || N == '\\' || (Open != Close && N == Open))
            Parts.back().Text += N;
          else
            Parts.back().Text += std::string("\\") + N;
          continue;
        }
        appendEscape(N, Parts.back().Text);
        continue;
      }
      if (Interp && C == '#' && peek(1) == '{') {
        Pos += 2;
        StrPart Code;
        Code.Code = true;
        Code.Line = Line;
        int Depth = 0;
        while (true) {
          if (Pos >= Src.size())
            fail("unterminated string interpolation");
          char D = Src[Pos];
          if (D == '\n')
            ++Line;
          if (D == '{')
            ++Depth;
          if (D == '}' && Depth-- == 0) {
            ++Pos;
            break;
          }
          if (D == '"' || D == '\'') { // skip a nested string
            Code.Text += D;
            ++Pos;
            while (Pos < Src.size() && Src[Pos] != D) {
              if (Src[Pos] == '\\' && Pos + 1 < Src.size())
                Code.Text += Src[Pos++];
              Code.Text += Src[Pos++];
            }
            if (Pos < Src.size())
              Code.Text += Src[Pos++];
            continue;
          }
          Code.Text += D;
          ++Pos;
        }
        Parts.push_back(std::move(Code));
        Parts.emplace_back();
        Parts.back().Line = Line;
        continue;
      }
      Parts.back().Text += C;
      ++Pos;
    }
    return Parts;
  }

  void appendEscape(char N, std::string &To) {
    switch (N) {
    case 'n':
      To += '\n';
      break;
    case 't':
      To += '\t';
      break;
    case 'r':
      To += '\r';
      break;
    case 'e':
      To += '\x1b';
      break;
    case 's':
      To += ' ';
      break;
    case '0':
      To += '\0';
      break;
    case 'a':
      To += '\a';
      break;
    case 'b':
      To += '\b';
      break;
    case 'f':
      To += '\f';
      break;
    case 'v':
      To += '\v';
      break;
    case '\n':
      ++Line;
      break;
    case 'u': {
      unsigned Code = 0;
      size_t Len = 0;
      if (Pos < Src.size() && Src[Pos] == '{') {
        ++Pos;
        while (Pos < Src.size() && Src[Pos] != '}')
          Code = Code * 16 + hexVal(Src[Pos++]);
        ++Pos;
      } else {
        while (Len < 4 && Pos < Src.size() &&
               std::isxdigit(static_cast<unsigned char>(Src[Pos]))) {
          Code = Code * 16 + hexVal(Src[Pos++]);
          ++Len;
        }
      }
      appendUtf8(Code, To);
      break;
    }
    case 'x': {
      unsigned Code = 0;
      for (int K = 0; K < 2 && Pos < Src.size() &&
                      std::isxdigit(static_cast<unsigned char>(Src[Pos]));
           ++K)
        Code = Code * 16 + hexVal(Src[Pos++]);
      To += static_cast<char>(Code);
      break;
    }
    default:
      To += N;
    }
  }
  static unsigned hexVal(char C) {
    return std::isdigit(static_cast<unsigned char>(C))
               ? C - '0'
               : (std::tolower(static_cast<unsigned char>(C)) - 'a' + 10);
  }
  static void appendUtf8(unsigned C, std::string &To) {
    if (C < 0x80) {
      To += static_cast<char>(C);
    } else if (C < 0x800) {
      To += static_cast<char>(0xC0 | (C >> 6));
      To += static_cast<char>(0x80 | (C & 0x3F));
    } else if (C < 0x10000) {
      To += static_cast<char>(0xE0 | (C >> 12));
      To += static_cast<char>(0x80 | ((C >> 6) & 0x3F));
      To += static_cast<char>(0x80 | (C & 0x3F));
    } else {
      To += static_cast<char>(0xF0 | (C >> 18));
      To += static_cast<char>(0x80 | ((C >> 12) & 0x3F));
      To += static_cast<char>(0x80 | ((C >> 6) & 0x3F));
      To += static_cast<char>(0x80 | (C & 0x3F));
    }
  }

  std::string readIdent() {
    size_t Start = Pos;
    while (Pos < Src.size() && isIdentChar(Src[Pos]))
      ++Pos;
    return Src.substr(Start, Pos - Start).str();
  }

  unsigned readRegexFlags() {
    unsigned F = 0;
    while (Pos < Src.size() && std::strchr("imxounse", Src[Pos])) {
      if (Src[Pos] == 'i')
        F |= 1;
      else if (Src[Pos] == 'x')
        F |= 2;
      else if (Src[Pos] == 'm')
        F |= 4;
      ++Pos;
    }
    return F;
  }

  void lexToken() {
    char C = Src[Pos];
    unsigned StartLine = Line;
    if (std::isdigit(static_cast<unsigned char>(C))) {
      lexNumber();
      return;
    }
    if (isIdentStart(C)) {
      std::string Name = readIdent();
      if (std::isupper(static_cast<unsigned char>(Name[0]))) {
        push(Tok::Const, Name);
        return;
      }
      if ((peek(0) == '?' || peek(0) == '!') && peek(1) != '=' &&
          !(peek(0) == '?' && peek(1) == ':')) {
        Name += Src[Pos++];
      } else if (peek(0) == ':' && peek(1) != ':' &&
                 (Out.empty() || Out.back().K != Tok::Op ||
                  Out.back().S != "?")) {
        ++Pos;
        push(Tok::Label, Name);
        return;
      }
      push(Tok::Ident, Name);
      return;
    }
    if (C == '@') {
      ++Pos;
      if (peek(0) == '@')
        ++Pos;
      std::string Name = readIdent();
      if (Name.empty())
        fail("`@' without identifiers is not allowed as an instance "
             "variable name");
      push(Tok::Ivar, Name);
      return;
    }
    if (C == '$') {
      ++Pos;
      std::string Name;
      if (std::isdigit(static_cast<unsigned char>(peek(0)))) {
        while (std::isdigit(static_cast<unsigned char>(peek(0))))
          Name += Src[Pos++];
      } else if (peek(0) && std::strchr("~&!0", peek(0))) {
        Name = Src[Pos++];
      } else {
        Name = readIdent();
      }
      push(Tok::Gvar, Name);
      return;
    }
    if (C == '\'' || C == '"' || C == '`') {
      ++Pos;
      Token &T = push(Tok::Str);
      T.Line = StartLine;
      T.Parts = readQuoted(C, C, C != '\'', false);
      return;
    }
    if (C == ':' && peek(1) == '"' && !afterValue()) {
      Pos += 2;
      Token &T = push(Tok::Sym);
      T.Parts = readQuoted('"', '"', true, false);
      return;
    }
    if (C == ':' && isIdentStart(peek(1)) &&
        (!afterValue() || (Space && peek(1) != ' '))) {
      ++Pos;
      std::string Name = readIdent();
      if (peek(0) == '?' || peek(0) == '!' || peek(0) == '=')
        if (peek(1) != '=' && peek(1) != '>' && peek(0) != '=')
          Name += Src[Pos++];
      Token &T = push(Tok::Sym);
      T.Parts.push_back(StrPart{false, Name, Line});
      return;
    }
    if (C == ':' && !afterValue() && peek(1) != ':') {
      static const char *OpSyms[] = {
          "<=>", "===", "==", "=~", "[]=", "[]", "<=", ">=", "<<", ">>", "**",
          "+",   "-",   "*",  "/",  "%",   "<",  ">",  "!",  "&",  "|",  "^"};
      for (const char *Op : OpSyms)
        if (Src.substr(Pos + 1).startswith(Op)) {
          Pos += 1 + std::strlen(Op);
          Token &T = push(Tok::Sym);
          T.Parts.push_back(StrPart{false, Op, Line});
          return;
        }
    }
    if (C == '/' && (!afterValue() || commandArgPosition())) {
      ++Pos;
      Token &T = push(Tok::Regex);
      T.Line = StartLine;
      auto Parts = readQuoted('/', '/', true, true);
      Out.back().Parts = std::move(Parts);
      Out.back().Flags = readRegexFlags();
      return;
    }
    if (C == '%' && (!afterValue() || commandArgPosition()) &&
        (std::strchr("wWiIqQr", peek(1)) || std::strchr("([{<|!/", peek(1))) &&
        peek(1) != '\0') {
      char Kind =
          std::isalpha(static_cast<unsigned char>(peek(1))) ? peek(1) : 'Q';
      Pos += std::isalpha(static_cast<unsigned char>(peek(1))) ? 2 : 1;
      if (Pos >= Src.size())
        fail("unterminated quoted string meets end of file");
      char Open = Src[Pos++];
      char Close = closerOf(Open);
      if (Kind == 'w' || Kind == 'W' || Kind == 'i' || Kind == 'I') {
        auto Parts = readQuoted(Open, Close, false, false);
        Token &T = push(Tok::Words);
        T.S = Kind == 'i' || Kind == 'I' ? "sym" : "str";
        std::string Cur;
        for (char D : Parts[0].Text) {
          if (std::isspace(static_cast<unsigned char>(D))) {
            if (!Cur.empty())
              T.Words.push_back(Cur);
            Cur.clear();
          } else {
            Cur += D;
          }
        }
        if (!Cur.empty())
          T.Words.push_back(Cur);
        return;
      }
      if (Kind == 'r') {
        auto Parts = readQuoted(Open, Close, true, true);
        Token &T = push(Tok::Regex);
        T.Parts = std::move(Parts);
        T.Flags = readRegexFlags();
        return;
      }
      auto Parts = readQuoted(Open, Close, Kind != 'q', false);
      Token &T = push(Tok::Str);
      T.Parts = std::move(Parts);
      return;
    }
    if (C == '?' && isIdentChar(peek(1)) && !isIdentChar(peek(2)) &&
        !afterValue()) { // character literal ?a
      Token &T = push(Tok::Str);
      T.Parts.push_back(StrPart{false, std::string(1, peek(1)), Line});
      Pos += 2;
      return;
    }
    static const char *Ops[] = {
        "**=", "...", "<=>", "===", "<<=", ">>=", "&&=", "||=", "**", "==",
        "!=",  ">=",  "<=",  "&&",  "||",  "<<",  ">>",  "=~",  "!~", "..",
        "::",  "+=",  "-=",  "*=",  "/=",  "%=",  "|=",  "&=",  "=>", "->",
        "&.",  "+",   "-",   "*",   "/",   "%",   "=",   "<",   ">",  "!",
        "&",   "|",   "^",   "~",   "?",   ":",   ",",   ".",   ";",  "(",
        ")",   "[",   "]",   "{",   "}"};
    for (const char *Op : Ops) {
      if (Src.substr(Pos).startswith(Op)) {
        Pos += std::strlen(Op);
        push(Tok::Op, Op);
        return;
      }
    }
    fail(std::string("syntax error, unexpected character '") + C + "'");
  }

  void lexNumber() {
    std::string Digits;
    bool IsFloat = false;
    if (peek(0) == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
      Pos += 2;
      int64_t V = 0;
      while (std::isxdigit(static_cast<unsigned char>(peek(0))) ||
             peek(0) == '_')
        if (Src[Pos++] != '_')
          V = V * 16 + hexVal(Src[Pos - 1]);
      push(Tok::Int).I = V;
      return;
    }
    auto Run = [&] {
      while (
          std::isdigit(static_cast<unsigned char>(peek(0))) ||
          (peek(0) == '_' && std::isdigit(static_cast<unsigned char>(peek(1)))))
        if (Src[Pos++] != '_')
          Digits += Src[Pos - 1];
    };
    Run();
    if (peek(0) == '.' && std::isdigit(static_cast<unsigned char>(peek(1)))) {
      IsFloat = true;
      Digits += Src[Pos++];
      Run();
    }
    if ((peek(0) == 'e' || peek(0) == 'E') &&
        (std::isdigit(static_cast<unsigned char>(peek(1))) ||
         ((peek(1) == '-' || peek(1) == '+') &&
          std::isdigit(static_cast<unsigned char>(peek(2)))))) {
      IsFloat = true;
      Digits += Src[Pos++];
      Digits += Src[Pos++];
      Run();
    }
    if (IsFloat) {
      push(Tok::Float).D = std::strtod(Digits.c_str(), nullptr);
    } else {
      errno = 0;
      long long V = std::strtoll(Digits.c_str(), nullptr, 10);
      if (errno == ERANGE)
        fail("integer literal too large");
      push(Tok::Int).I = V;
    }
  }
};

//===----------------------------------------------------------------------===//
// Template scanner (trim mode '-')
//===----------------------------------------------------------------------===//

void scanTemplate(llvm::StringRef Src, std::vector<Token> &Out) {
  std::string Text;
  unsigned Line = 1, TextLine = 1;
  size_t Pos = 0;
  auto FlushText = [&] {
    if (Text.empty())
      return;
    Token T;
    T.K = Tok::Text;
    T.S = std::move(Text);
    T.Line = TextLine;
    Out.push_back(std::move(T));
    Text.clear();
  };
  while (Pos < Src.size()) {
    size_t Open = Src.find("<%", Pos);
    if (Open == llvm::StringRef::npos)
      Open = Src.size();
    for (size_t I = Pos; I < Open; ++I) {
      if (Text.empty())
        TextLine = Line;
      Text += Src[I];
      if (Src[I] == '\n')
        ++Line;
    }
    Pos = Open;
    if (Pos >= Src.size())
      break;
    if (Src.substr(Pos).startswith("<%%")) {
      if (Text.empty())
        TextLine = Line;
      Text += "<%";
      Pos += 3;
      continue;
    }
    Pos += 2;
    char Mode = Pos < Src.size() ? Src[Pos] : '\0';
    if (Mode == '-') {
      // Strip the indentation before the tag when it starts the line.
      size_t LineStart = Src.substr(0, Open).rfind('\n');
      LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
      llvm::StringRef Indent = Src.substr(LineStart, Open - LineStart);
      if (Indent.find_first_not_of(" \t") == llvm::StringRef::npos &&
          Text.size() >= Indent.size())
        Text.resize(Text.size() - Indent.size());
      ++Pos;
      Mode = Pos < Src.size() ? Src[Pos] : '\0';
    }
    FlushText();
    unsigned TagLine = Line;
    bool Output = false, Comment = false;
    if (Mode == '=') {
      Output = true;
      ++Pos;
    } else if (Mode == '#') {
      Comment = true;
      ++Pos;
    }
    // The code runs to the first %> (%%> stands for a literal %>).
    std::string Code;
    bool Closed = false, TrimNewline = false;
    while (Pos < Src.size()) {
      if (Src.substr(Pos).startswith("%%>")) {
        Code += "%>";
        Pos += 3;
        continue;
      }
      if (Src.substr(Pos).startswith("-%>")) {
        Pos += 3;
        Closed = true;
        TrimNewline = true;
        break;
      }
      if (Src.substr(Pos).startswith("%>")) {
        Pos += 2;
        Closed = true;
        break;
      }
      if (Src[Pos] == '\n')
        ++Line;
      Code += Src[Pos++];
    }
    if (!Closed)
      throw ParseError{"unterminated ERB tag (missing %>)", TagLine};
    if (TrimNewline) {
      if (Src.substr(Pos).startswith("\n")) {
        ++Pos;
        ++Line;
      } else if (Src.substr(Pos).startswith("\r\n")) {
        Pos += 2;
        ++Line;
      }
    }
    if (Comment)
      continue;
    if (Output) {
      Token B;
      B.K = Tok::OutBegin;
      B.Line = TagLine;
      Out.push_back(B);
    }
    Lexer(Code, TagLine, Out).run();
    Token E;
    E.K = Output ? Tok::OutEnd : Tok::Newline;
    E.Line = Line;
    Out.push_back(E);
  }
  FlushText();
}

//===----------------------------------------------------------------------===//
// Parser
//===----------------------------------------------------------------------===//

using NodeP = std::unique_ptr<Node>;

class Parser {
public:
  Parser(std::vector<Token> Toks, std::set<std::string> &Locals)
      : T(std::move(Toks)), Locals(Locals) {
    Token E;
    E.K = Tok::Eof;
    E.Line = T.empty() ? 1 : T.back().Line;
    T.push_back(E);
  }

  NodeP parseProgram() {
    NodeP N = parseStmts();
    if (cur().K != Tok::Eof)
      unexpected();
    return N;
  }

  /// A whole expression (for #{} parts).
  NodeP parseInterpolation() { return parseProgram(); }

private:
  std::vector<Token> T;
  size_t P = 0;
  std::set<std::string> &Locals;
  unsigned Depth = 0;
  bool NoDo = false;

  const Token &cur() const { return T[P]; }
  const Token &at(size_t N) const { return T[std::min(P + N, T.size() - 1)]; }
  unsigned line() const { return cur().Line; }
  bool isOp(llvm::StringRef S, size_t N = 0) const {
    return at(N).K == Tok::Op && at(N).S == S;
  }
  bool isKw(llvm::StringRef S, size_t N = 0) const {
    return at(N).K == Tok::Ident && at(N).S == S;
  }
  [[noreturn]] void fail(const std::string &M) { throw ParseError{M, line()}; }
  [[noreturn]] void unexpected() {
    const Token &C = cur();
    std::string What;
    switch (C.K) {
    case Tok::Eof:
      What = "end-of-input";
      break;
    case Tok::Newline:
      What = "'\\n'";
      break;
    case Tok::OutEnd:
      What = "'%>'";
      break;
    case Tok::Text:
      What = "template text";
      break;
    case Tok::Ident:
      What =
          keywords().count(C.S) ? "`" + C.S + "'" : "local variable or method";
      break;
    case Tok::Op:
      What = "'" + C.S + "'";
      break;
    default:
      What = "literal";
      break;
    }
    fail("syntax error, unexpected " + What);
  }
  void expectOp(llvm::StringRef S) {
    if (!isOp(S))
      unexpected();
    ++P;
  }
  void expectKw(llvm::StringRef S) {
    if (!isKw(S))
      fail("syntax error, unexpected " +
           std::string(cur().K == Tok::Eof ? "end-of-input" : "token") +
           ", expecting `" + S.str() + "'");
    ++P;
  }
  void skipNewlines() {
    while (cur().K == Tok::Newline || isOp(";"))
      ++P;
  }
  void skipLineBreaks() {
    while (cur().K == Tok::Newline)
      ++P;
  }
  NodeP make(NodeKind K, unsigned L) { return std::make_unique<Node>(K, L); }

  struct DepthGuard {
    Parser &Pr;
    explicit DepthGuard(Parser &Pr) : Pr(Pr) {
      if (++Pr.Depth > 200)
        Pr.fail("expression nested too deeply");
    }
    ~DepthGuard() { --Pr.Depth; }
  };

  bool atStmtEnd() const {
    const Token &C = cur();
    if (C.K == Tok::Eof || C.K == Tok::OutEnd)
      return true;
    if (C.K == Tok::Op && (C.S == "}" || C.S == ")"))
      return true;
    if (C.K == Tok::Ident &&
        (C.S == "end" || C.S == "else" || C.S == "elsif" || C.S == "when" ||
         C.S == "rescue" || C.S == "ensure" || C.S == "in"))
      return true;
    return false;
  }

  NodeP parseStmts() {
    DepthGuard G(*this);
    NodeP Seq = make(NodeKind::Seq, line());
    while (true) {
      skipNewlines();
      if (atStmtEnd())
        break;
      if (cur().K == Tok::Text) {
        NodeP N = make(NodeKind::Text, line());
        N->Name = cur().S;
        ++P;
        Seq->Kids.push_back(std::move(N));
        continue;
      }
      if (cur().K == Tok::OutBegin) {
        NodeP N = make(NodeKind::Output, line());
        ++P;
        skipLineBreaks();
        if (cur().K != Tok::OutEnd)
          N->Kids.push_back(parseStatement());
        skipNewlines();
        if (cur().K != Tok::OutEnd)
          unexpected();
        ++P;
        Seq->Kids.push_back(std::move(N));
        continue;
      }
      Seq->Kids.push_back(parseStatement());
      if (!(cur().K == Tok::Newline || isOp(";") || atStmtEnd() ||
            cur().K == Tok::Text || cur().K == Tok::OutBegin))
        unexpected();
    }
    return Seq;
  }

  NodeP parseStatement() {
    NodeP E = parseExprStmt();
    while (cur().K == Tok::Ident) {
      const std::string &K = cur().S;
      unsigned L = line();
      if (K == "if" || K == "unless") {
        ++P;
        NodeP C = parseExprStmt();
        NodeP N = make(NodeKind::If, L);
        N->Kids.push_back(std::move(C));
        N->Kids.push_back(K == "if" ? std::move(E) : nullptr);
        N->Kids.push_back(K == "if" ? nullptr : std::move(E));
        E = std::move(N);
      } else if (K == "while" || K == "until") {
        NodeP N = make(NodeKind::While, L);
        N->Flag = K == "until";
        ++P;
        N->Kids.push_back(parseExprStmt());
        N->Kids.push_back(std::move(E));
        E = std::move(N);
      } else if (K == "rescue") {
        ++P;
        NodeP N = make(NodeKind::Begin, L);
        N->Kids.push_back(std::move(E));
        N->Kids.push_back(parseExprStmt());
        N->Kids.push_back(nullptr);
        E = std::move(N);
      } else {
        break;
      }
    }
    return E;
  }

  NodeP parseExprStmt() {
    NodeP L = parseNotExpr();
    while (isKw("and") || isKw("or")) {
      bool IsAnd = cur().S == "and";
      unsigned Ln = line();
      ++P;
      skipLineBreaks();
      NodeP R = parseNotExpr();
      NodeP N = make(IsAnd ? NodeKind::And : NodeKind::Or, Ln);
      N->Kids.push_back(std::move(L));
      N->Kids.push_back(std::move(R));
      L = std::move(N);
    }
    return L;
  }

  NodeP parseNotExpr() {
    if (isKw("not")) {
      unsigned L = line();
      ++P;
      NodeP N = make(NodeKind::Not, L);
      N->Kids.push_back(parseNotExpr());
      return N;
    }
    return parseAssign(true);
  }

  static bool isBareIdent(const Node &N) {
    return N.Kind == NodeKind::Call && !N.Kids[0] && N.Kids.size() == 1 &&
           !N.Block && !N.HasParens;
  }
  bool assignable(const Node &N) const {
    if (N.Kind == NodeKind::Lvar || N.Kind == NodeKind::Ivar ||
        N.Kind == NodeKind::Gvar || isBareIdent(N))
      return true;
    if (N.Kind == NodeKind::Call && N.Name == "[]")
      return true;
    return N.Kind == NodeKind::Call && N.Kids[0] && N.Kids.size() == 1 &&
           !N.HasParens && !N.Block;
  }
  void declareTarget(Node &N) {
    if (isBareIdent(N)) {
      N.Kind = NodeKind::Lvar;
      N.Kids.clear();
    }
    if (N.Kind == NodeKind::Lvar)
      Locals.insert(N.Name);
  }

  NodeP parseAssign(bool StmtLevel) {
    DepthGuard G(*this);
    unsigned L = line();
    NodeP Lhs = parseTernary();
    if (StmtLevel && isOp(",") && assignable(*Lhs) && multiAssignAhead()) {
      NodeP N = make(NodeKind::MultiAssign, L);
      declareTarget(*Lhs);
      N->Kids.push_back(std::move(Lhs));
      while (isOp(",")) {
        ++P;
        NodeP Tg = parseTernary();
        if (!assignable(*Tg))
          fail("syntax error, unexpected ','");
        declareTarget(*Tg);
        N->Kids.push_back(std::move(Tg));
      }
      expectOp("=");
      skipLineBreaks();
      NodeP Rhs = parseAssign(false);
      if (isOp(",")) {
        NodeP Arr = make(NodeKind::ArrayLit, L);
        Arr->Kids.push_back(std::move(Rhs));
        while (isOp(",")) {
          ++P;
          Arr->Kids.push_back(parseAssign(false));
        }
        Rhs = std::move(Arr);
      }
      N->Kids.push_back(std::move(Rhs));
      return N;
    }
    if (cur().K != Tok::Op)
      return Lhs;
    const std::string Op = cur().S;
    bool Plain = Op == "=";
    bool Compound = Op.size() >= 2 && Op.back() == '=' && Op != "==" &&
                    Op != "!=" && Op != ">=" && Op != "<=" && Op != "===" &&
                    Op != "=~";
    if (!Plain && !Compound)
      return Lhs;
    if (!assignable(*Lhs))
      fail("syntax error, unexpected '" + Op + "'");
    ++P;
    skipLineBreaks();
    declareTarget(*Lhs);
    NodeP Rhs = parseAssign(false);
    if (isKw("rescue") && StmtLevel) {
      unsigned RL = line();
      ++P;
      NodeP B = make(NodeKind::Begin, RL);
      B->Kids.push_back(std::move(Rhs));
      B->Kids.push_back(parseAssign(false));
      B->Kids.push_back(nullptr);
      Rhs = std::move(B);
    }
    NodeP N = make(Plain ? NodeKind::Assign : NodeKind::OpAssign, L);
    if (!Plain)
      N->Name = Op.substr(0, Op.size() - 1);
    N->Kids.push_back(std::move(Lhs));
    N->Kids.push_back(std::move(Rhs));
    return N;
  }

  bool multiAssignAhead() const {
    int Nest = 0;
    for (size_t I = P; I < T.size(); ++I) {
      const Token &X = T[I];
      if (X.K == Tok::Newline || X.K == Tok::Eof || X.K == Tok::OutEnd ||
          X.K == Tok::Text)
        return false;
      if (X.K != Tok::Op)
        continue;
      if (X.S == "(" || X.S == "[" || X.S == "{")
        ++Nest;
      else if (X.S == ")" || X.S == "]" || X.S == "}")
        --Nest;
      else if (X.S == "=" && Nest == 0)
        return true;
      if (Nest < 0)
        return false;
    }
    return false;
  }

  NodeP parseTernary() {
    DepthGuard G(*this);
    NodeP C = parseRange();
    if (!isOp("?"))
      return C;
    unsigned L = line();
    ++P;
    skipLineBreaks();
    NodeP A = parseTernary();
    skipLineBreaks();
    NodeP B;
    if (cur().K == Tok::Label) { // `c ? x :y` lexed oddly is rare; a
      fail("syntax error in ternary");
    }
    if (isOp(":")) {
      ++P;
    } else if (cur().K == Tok::Sym && cur().Parts.size() == 1 &&
               cur().SpaceBefore) {
      // `c ? a :b` — the lexer took `:b` for a symbol.
      Token &X = T[P];
      X.K = Tok::Ident;
      X.S = X.Parts[0].Text;
    } else {
      unexpected();
    }
    skipLineBreaks();
    B = parseTernary();
    NodeP N = make(NodeKind::If, L);
    N->Kids.push_back(std::move(C));
    N->Kids.push_back(std::move(A));
    N->Kids.push_back(std::move(B));
    return N;
  }

  NodeP parseRange() {
    NodeP L = parseBinary(1);
    if (isOp("..") || isOp("...")) {
      unsigned Ln = line();
      bool Excl = cur().S == "...";
      ++P;
      NodeP R = parseBinary(1);
      NodeP N = make(NodeKind::RangeLit, Ln);
      N->Flag = Excl;
      N->Kids.push_back(std::move(L));
      N->Kids.push_back(std::move(R));
      return N;
    }
    return L;
  }

  static int precedence(const Token &X) {
    if (X.K != Tok::Op)
      return 0;
    static const std::pair<const char *, int> Table[] = {
        {"||", 1}, {"&&", 2}, {"<=>", 4}, {"==", 4}, {"===", 4}, {"!=", 4},
        {"=~", 4}, {"!~", 4}, {"<", 5},   {"<=", 5}, {">", 5},   {">=", 5},
        {"|", 6},  {"^", 6},  {"&", 7},   {"<<", 8}, {">>", 8},  {"+", 9},
        {"-", 9},  {"*", 10}, {"/", 10},  {"%", 10}, {"**", 12}};
    for (auto &[Op, Prec] : Table)
      if (X.S == Op)
        return Prec;
    return 0;
  }

  NodeP parseBinary(int MinPrec) {
    DepthGuard G(*this);
    NodeP L = parseUnary();
    while (true) {
      int Prec = precedence(cur());
      if (Prec == 0 || Prec < MinPrec)
        return L;
      std::string Op = cur().S;
      unsigned Ln = line();
      ++P;
      skipLineBreaks();
      NodeP R = parseBinary(Op == "**" ? Prec : Prec + 1);
      if (Op == "&&" || Op == "||") {
        NodeP N = make(Op == "&&" ? NodeKind::And : NodeKind::Or, Ln);
        N->Kids.push_back(std::move(L));
        N->Kids.push_back(std::move(R));
        L = std::move(N);
        continue;
      }
      bool Negate = Op == "!=" || Op == "!~";
      NodeP C = make(NodeKind::Call, Ln);
      C->Name = Op == "!=" ? "==" : (Op == "!~" ? "=~" : Op);
      C->Kids.push_back(std::move(L));
      C->Kids.push_back(std::move(R));
      if (Negate) {
        NodeP N = make(NodeKind::Not, Ln);
        N->Kids.push_back(std::move(C));
        L = std::move(N);
      } else {
        L = std::move(C);
      }
    }
  }

  NodeP parseUnary() {
    DepthGuard G(*this);
    unsigned L = line();
    if (isOp("!")) {
      ++P;
      NodeP N = make(NodeKind::Not, L);
      N->Kids.push_back(parseUnary());
      return N;
    }
    if (isOp("-")) {
      ++P;
      if ((cur().K == Tok::Int || cur().K == Tok::Float) &&
          !cur().SpaceBefore) {
        if (cur().K == Tok::Int)
          T[P].I = -T[P].I;
        else
          T[P].D = -T[P].D;
        return parsePostfix(parsePrimary());
      }
      NodeP Operand = parseUnary();
      NodeP N = make(NodeKind::Call, L);
      N->Name = "-@";
      N->Kids.push_back(std::move(Operand));
      return N;
    }
    if (isOp("+")) {
      ++P;
      return parseUnary();
    }
    if (isOp("~")) {
      ++P;
      NodeP N = make(NodeKind::Call, L);
      N->Name = "~";
      N->Kids.push_back(parseUnary());
      return N;
    }
    if (isOp("&") || isOp("*")) // stray splat at expression level
      unexpected();
    NodeP Prim = parsePrimary();
    NodeP R = parsePostfix(std::move(Prim));
    if (isOp("**")) { // binds tighter than unary minus
      unsigned Ln = line();
      ++P;
      NodeP C = make(NodeKind::Call, Ln);
      C->Name = "**";
      C->Kids.push_back(std::move(R));
      C->Kids.push_back(parseUnary());
      return C;
    }
    return R;
  }

  /// Can the current token start a command argument (`foo 'x'`)?
  bool commandArgStart() const {
    const Token &X = cur();
    // `include?name` needs no space after a predicate method name.
    bool AfterPredicate =
        P > 0 && T[P - 1].K == Tok::Ident &&
        llvm::StringRef(T[P - 1].S).endswith("?") &&
        (X.K == Tok::Ident || X.K == Tok::Ivar || X.K == Tok::Str);
    if (!X.SpaceBefore && !AfterPredicate)
      return false;
    switch (X.K) {
    case Tok::Int:
    case Tok::Float:
    case Tok::Str:
    case Tok::Sym:
    case Tok::Ivar:
    case Tok::Gvar:
    case Tok::Const:
    case Tok::Words:
    case Tok::Regex:
    case Tok::Label:
      return true;
    case Tok::Ident:
      return !keywords().count(X.S) || X.S == "nil" || X.S == "true" ||
             X.S == "false" || X.S == "self" || X.S == "not" ||
             X.S == "defined?";
    case Tok::Op:
      if (X.S == "[" || X.S == "!" || X.S == "(" || X.S == "->" || X.S == "::")
        return true;
      if (X.S == "-" || X.S == "*" || X.S == "&")
        return !at(1).SpaceBefore && at(1).K != Tok::Newline;
      return false;
    default:
      return false;
    }
  }

  /// Arguments up to Close (")" or "]"), or command arguments if Close is
  /// empty. Labels and `=>` pairs become a trailing hash.
  void parseArgs(Node &Call, llvm::StringRef Close) {
    bool SavedNoDo = NoDo;
    NoDo = Close.empty();
    NodeP Trailing;
    auto AddPair = [&](NodeP K, NodeP V) {
      if (!Trailing)
        Trailing = make(NodeKind::HashLit, K->Line);
      Trailing->Kids.push_back(std::move(K));
      Trailing->Kids.push_back(std::move(V));
    };
    if (!Close.empty())
      skipLineBreaks();
    while (Close.empty() || !isOp(Close)) {
      unsigned L = line();
      if (cur().K == Tok::Label) {
        NodeP K = make(NodeKind::Sym, L);
        K->Name = cur().S;
        ++P;
        skipLineBreaks();
        AddPair(std::move(K), parseAssign(false));
      } else if (isOp("*") || isOp("&")) {
        bool Splat = cur().S == "*";
        ++P;
        NodeP N = make(Splat ? NodeKind::Splat : NodeKind::BlockPass, L);
        N->Kids.push_back(parseTernary());
        Call.Kids.push_back(std::move(N));
      } else {
        NodeP A = parseAssign(false);
        if (isOp("=>")) {
          ++P;
          skipLineBreaks();
          AddPair(std::move(A), parseAssign(false));
        } else {
          Call.Kids.push_back(std::move(A));
        }
      }
      if (!Close.empty())
        skipLineBreaks();
      if (!isOp(","))
        break;
      ++P;
      skipLineBreaks();
    }
    if (Trailing)
      Call.Kids.push_back(std::move(Trailing));
    if (!Close.empty())
      expectOp(Close);
    NoDo = SavedNoDo;
  }

  /// Parses `(args)`, command args and a block after a method name.
  void parseCallRest(Node &Call, bool AllowCommand) {
    if (isOp("(") && !cur().SpaceBefore) {
      ++P;
      Call.HasParens = true;
      bool SavedNoDo = NoDo;
      NoDo = false;
      parseArgs(Call, ")");
      NoDo = SavedNoDo;
    } else if (AllowCommand && commandArgStart()) {
      parseArgs(Call, "");
    }
    parseBlock(Call);
  }

  void parseBlock(Node &Call) {
    bool Brace = isOp("{");
    if (!Brace && !(isKw("do") && !NoDo))
      return;
    ++P;
    auto Params = std::make_unique<BlockParams>();
    skipLineBreaks();
    if (isOp("||")) {
      ++P;
    } else if (isOp("|")) {
      ++P;
      Params->Params = parseParamList("|");
      expectOp("|");
    }
    bool SavedNoDo = NoDo;
    NoDo = false;
    NodeP Body = parseStmts();
    NoDo = SavedNoDo;
    if (Brace)
      expectOp("}");
    else
      expectKw("end");
    Call.Params = std::move(Params);
    Call.Block = std::move(Body);
  }

  std::vector<BlockParams::Param> parseParamList(llvm::StringRef Close) {
    std::vector<BlockParams::Param> Out;
    while (!isOp(Close)) {
      BlockParams::Param Pm;
      if (isOp("*")) {
        ++P;
        Pm.Splat = true;
      }
      if (isOp("(")) {
        ++P;
        Pm.Sub = parseParamList(")");
        expectOp(")");
      } else if (cur().K == Tok::Ident && !keywords().count(cur().S)) {
        Pm.Name = cur().S;
        Locals.insert(Pm.Name);
        ++P;
        if (isOp("=") && Close != "|") {
          ++P;
          Pm.Default = parseTernary();
        }
      } else {
        unexpected();
      }
      Out.push_back(std::move(Pm));
      if (!isOp(","))
        break;
      ++P;
    }
    return Out;
  }

  NodeP parsePostfix(NodeP N) {
    while (true) {
      // A line that starts with `.meth` continues the expression.
      if (cur().K == Tok::Newline) {
        size_t Q = P;
        while (T[Q].K == Tok::Newline)
          ++Q;
        if (T[Q].K == Tok::Op && (T[Q].S == "." || T[Q].S == "&."))
          P = Q;
        else
          return N;
      }
      unsigned L = line();
      if (isOp(".") || isOp("&.")) {
        bool Safe = cur().S == "&.";
        ++P;
        skipLineBreaks();
        NodeP C = make(NodeKind::Call, L);
        if (cur().K == Tok::Ident || cur().K == Tok::Const) {
          C->Name = cur().S;
        } else if (cur().K == Tok::Label) { // a.b ? x:y is rare; `a.b:`
          unexpected();
        } else if (isOp("(")) {
          C->Name = "call";
          --P;
        } else {
          unexpected();
        }
        ++P;
        C->Flag = Safe;
        C->Kids.push_back(std::move(N));
        parseCallRest(*C, true);
        N = std::move(C);
        continue;
      }
      if (isOp("::") && !cur().SpaceBefore) {
        ++P;
        if (cur().K == Tok::Const && !isOp("(", 1)) {
          NodeP C = make(NodeKind::ScopedConst, L);
          C->Name = cur().S;
          ++P;
          C->Kids.push_back(std::move(N));
          N = std::move(C);
          continue;
        }
        if (cur().K != Tok::Ident && cur().K != Tok::Const)
          unexpected();
        NodeP C = make(NodeKind::Call, L);
        C->Name = cur().S;
        ++P;
        C->Kids.push_back(std::move(N));
        parseCallRest(*C, true);
        N = std::move(C);
        continue;
      }
      if (isOp("[") && !cur().SpaceBefore) {
        ++P;
        NodeP C = make(NodeKind::Call, L);
        C->Name = "[]";
        C->Kids.push_back(std::move(N));
        bool SavedNoDo = NoDo;
        NoDo = false;
        parseArgs(*C, "]");
        NoDo = SavedNoDo;
        N = std::move(C);
        continue;
      }
      return N;
    }
  }

  NodeP parseString(const Token &X, NodeKind Plain, NodeKind Interp) {
    bool HasCode = false;
    for (const StrPart &Pt : X.Parts)
      HasCode |= Pt.Code;
    if (!HasCode) {
      NodeP N = make(Plain, X.Line);
      for (const StrPart &Pt : X.Parts)
        N->Name += Pt.Text;
      return N;
    }
    NodeP N = make(Interp, X.Line);
    for (const StrPart &Pt : X.Parts) {
      if (!Pt.Code) {
        if (Pt.Text.empty())
          continue;
        NodeP S = make(NodeKind::Str, Pt.Line);
        S->Name = Pt.Text;
        N->Kids.push_back(std::move(S));
        continue;
      }
      std::vector<Token> Sub;
      Lexer(Pt.Text, Pt.Line, Sub).run();
      Parser SubP(std::move(Sub), Locals);
      SubP.Depth = Depth;
      N->Kids.push_back(SubP.parseInterpolation());
    }
    return N;
  }

  NodeP parseCond() {
    NodeP C = parseExprStmt();
    if (isKw("then"))
      ++P;
    else if (cur().K == Tok::Newline || isOp(";"))
      skipNewlines();
    else if (cur().K != Tok::Text && cur().K != Tok::OutBegin)
      unexpected();
    if (isKw("then"))
      ++P;
    return C;
  }

  NodeP parseIf(bool Unless) {
    unsigned L = line();
    NodeP N = make(NodeKind::If, L);
    N->Kids.push_back(parseCond());
    NodeP Body = parseStmts();
    NodeP Else;
    if (isKw("elsif")) {
      if (Unless)
        unexpected();
      ++P;
      NodeP Inner = parseIf(false);
      Else = std::move(Inner);
      N->Kids.push_back(Unless ? std::move(Else) : std::move(Body));
      N->Kids.push_back(Unless ? std::move(Body) : std::move(Else));
      return N; // the nested if consumed `end`
    }
    if (isKw("else")) {
      ++P;
      Else = parseStmts();
    }
    expectKw("end");
    N->Kids.push_back(Unless ? std::move(Else) : std::move(Body));
    N->Kids.push_back(Unless ? std::move(Body) : std::move(Else));
    return N;
  }

  NodeP parseDef(unsigned L) {
    if (cur().K != Tok::Ident && cur().K != Tok::Const)
      unexpected();
    NodeP N = make(NodeKind::Def, L);
    N->Name = cur().S;
    ++P;
    // A method body has its own local variables.
    std::set<std::string> Saved = Locals;
    Locals.clear();
    auto Params = std::make_unique<BlockParams>();
    if (isOp("(")) {
      ++P;
      Params->Params = parseParamList(")");
      expectOp(")");
    } else if (cur().K == Tok::Ident) {
      Params->Params = parseParamList("\n");
    }
    NodeP Body = parseBodyWithRescue(line());
    Locals = std::move(Saved);
    N->Params = std::move(Params);
    N->Block = std::move(Body);
    return N;
  }

  NodeP parseCase() {
    unsigned L = line();
    NodeP N = make(NodeKind::Case, L);
    if (cur().K == Tok::Newline || isOp(";"))
      N->Kids.push_back(nullptr);
    else
      N->Kids.push_back(parseExprStmt());
    skipNewlines();
    while (cur().K == Tok::Text && llvm::StringRef(cur().S).trim().empty())
      ++P; // whitespace between `case` and `when` tags
    skipNewlines();
    while (isKw("when")) {
      NodeP W = make(NodeKind::When, line());
      ++P;
      while (true) {
        if (isOp("*")) {
          ++P;
          NodeP S = make(NodeKind::Splat, line());
          S->Kids.push_back(parseTernary());
          W->Kids.push_back(std::move(S));
        } else {
          W->Kids.push_back(parseTernary());
        }
        if (!isOp(","))
          break;
        ++P;
        skipLineBreaks();
      }
      if (isKw("then"))
        ++P;
      W->Kids.push_back(parseStmts());
      N->Kids.push_back(std::move(W));
    }
    if (isKw("else")) {
      ++P;
      N->Flag = true;
      N->Kids.push_back(parseStmts());
    }
    expectKw("end");
    return N;
  }

  NodeP parsePrimary() {
    DepthGuard G(*this);
    const Token X = cur();
    unsigned L = X.Line;
    switch (X.K) {
    case Tok::Int: {
      ++P;
      NodeP N = make(NodeKind::Int, L);
      N->I = X.I;
      return N;
    }
    case Tok::Float: {
      ++P;
      NodeP N = make(NodeKind::Float, L);
      N->D = X.D;
      return N;
    }
    case Tok::Str: {
      ++P;
      NodeP N = parseString(X, NodeKind::Str, NodeKind::DStr);
      // Adjacent literals concatenate: "a" "b".
      while (cur().K == Tok::Str) {
        NodeP M = parseString(cur(), NodeKind::Str, NodeKind::DStr);
        ++P;
        NodeP D = make(NodeKind::DStr, L);
        D->Kids.push_back(std::move(N));
        D->Kids.push_back(std::move(M));
        N = std::move(D);
      }
      return N;
    }
    case Tok::Sym:
      ++P;
      return parseString(X, NodeKind::Sym, NodeKind::DSym);
    case Tok::Regex: {
      ++P;
      NodeP N = parseString(X, NodeKind::Regex, NodeKind::Regex);
      N->Flags = X.Flags;
      if (N->Kids.empty()) {
        std::string Err;
        N->Re = Regex::compile(wrapFlags(N->Name, X.Flags), &Err);
        if (!N->Re)
          throw ParseError{Err + ": /" + N->Name + "/", L};
      }
      return N;
    }
    case Tok::Words: {
      ++P;
      NodeP N = make(NodeKind::ArrayLit, L);
      for (const std::string &W : X.Words) {
        NodeP S = make(X.S == "sym" ? NodeKind::Sym : NodeKind::Str, L);
        S->Name = W;
        N->Kids.push_back(std::move(S));
      }
      return N;
    }
    case Tok::Ivar: {
      ++P;
      NodeP N = make(NodeKind::Ivar, L);
      N->Name = X.S;
      return N;
    }
    case Tok::Gvar: {
      ++P;
      NodeP N = make(NodeKind::Gvar, L);
      N->Name = X.S;
      return N;
    }
    case Tok::Const: {
      ++P;
      if (isOp("(") && !cur().SpaceBefore) { // Array(x), Integer(x)
        NodeP C = make(NodeKind::Call, L);
        C->Name = X.S;
        C->Kids.push_back(nullptr);
        parseCallRest(*C, false);
        return C;
      }
      NodeP N = make(NodeKind::Const, L);
      N->Name = X.S;
      return N;
    }
    case Tok::Ident:
      return parseIdentifier();
    case Tok::Op:
      break;
    case Tok::Label:
      fail("syntax error, unexpected label");
    default:
      unexpected();
    }
    if (X.S == "(") {
      ++P;
      bool SavedNoDo = NoDo;
      NoDo = false;
      NodeP Body = parseStmts();
      NoDo = SavedNoDo;
      expectOp(")");
      if (Body->Kids.size() == 1)
        return std::move(Body->Kids[0]);
      return Body;
    }
    if (X.S == "[") {
      ++P;
      NodeP N = make(NodeKind::ArrayLit, L);
      bool SavedNoDo = NoDo;
      NoDo = false;
      NodeP Tmp = make(NodeKind::Call, L);
      parseArgs(*Tmp, "]");
      NoDo = SavedNoDo;
      N->Kids = std::move(Tmp->Kids);
      return N;
    }
    if (X.S == "{") {
      ++P;
      NodeP N = make(NodeKind::HashLit, L);
      bool SavedNoDo = NoDo;
      NoDo = false;
      skipLineBreaks();
      while (!isOp("}")) {
        if (cur().K == Tok::Label) {
          NodeP K = make(NodeKind::Sym, line());
          K->Name = cur().S;
          ++P;
          N->Kids.push_back(std::move(K));
        } else if (cur().K == Tok::Str && isOp(":", 1) && !at(1).SpaceBefore) {
          NodeP K = parseString(cur(), NodeKind::Sym, NodeKind::DSym);
          P += 2;
          N->Kids.push_back(std::move(K));
        } else {
          N->Kids.push_back(parseAssign(false));
          skipLineBreaks();
          expectOp("=>");
        }
        skipLineBreaks();
        N->Kids.push_back(parseAssign(false));
        skipLineBreaks();
        if (!isOp(","))
          break;
        ++P;
        skipLineBreaks();
      }
      expectOp("}");
      NoDo = SavedNoDo;
      return N;
    }
    if (X.S == "::" && at(1).K == Tok::Const) {
      ++P;
      return parsePrimary();
    }
    if (X.S == "->") {
      ++P;
      NodeP C = make(NodeKind::Call, L);
      C->Name = "lambda";
      C->Kids.push_back(nullptr);
      auto Params = std::make_unique<BlockParams>();
      if (isOp("(")) {
        ++P;
        Params->Params = parseParamList(")");
        expectOp(")");
      }
      parseBlock(*C);
      if (!C->Block)
        unexpected();
      C->Params = std::move(Params);
      return C;
    }
    unexpected();
  }

  NodeP parseIdentifier() {
    const Token X = cur();
    unsigned L = X.Line;
    const std::string &S = X.S;
    ++P;
    if (S == "nil")
      return make(NodeKind::Nil, L);
    if (S == "true")
      return make(NodeKind::True, L);
    if (S == "false")
      return make(NodeKind::False, L);
    if (S == "self")
      return make(NodeKind::Self, L);
    if (S == "if" || S == "unless")
      return parseIf(S == "unless");
    if (S == "while" || S == "until") {
      NodeP N = make(NodeKind::While, L);
      N->Flag = S == "until";
      bool SavedNoDo = NoDo;
      NoDo = true;
      N->Kids.push_back(parseExprStmt());
      NoDo = SavedNoDo;
      if (isKw("do"))
        ++P;
      N->Kids.push_back(parseStmts());
      expectKw("end");
      return N;
    }
    if (S == "for") {
      NodeP N = make(NodeKind::For, L);
      if (cur().K != Tok::Ident)
        unexpected();
      NodeP V = make(NodeKind::Lvar, line());
      V->Name = cur().S;
      Locals.insert(V->Name);
      ++P;
      expectKw("in");
      N->Kids.push_back(std::move(V));
      bool SavedNoDo = NoDo;
      NoDo = true;
      N->Kids.push_back(parseExprStmt());
      NoDo = SavedNoDo;
      if (isKw("do"))
        ++P;
      N->Kids.push_back(parseStmts());
      expectKw("end");
      return N;
    }
    if (S == "case")
      return parseCase();
    if (S == "def")
      return parseDef(L);
    if (S == "begin")
      return parseBodyWithRescue(L);
    return parseIdentifierRest(X);
  }

  /// `body [rescue ...] [else ...] [ensure ...] end` (begin, def).
  NodeP parseBodyWithRescue(unsigned L) {
    {
      NodeP N = make(NodeKind::Begin, L);
      N->Kids.push_back(parseStmts());
      NodeP Rescue, Ensure;
      while (isKw("rescue")) {
        ++P;
        while (cur().K == Tok::Const || isOp(",") || isOp("::"))
          ++P;
        if (isOp("=>")) {
          ++P;
          if (cur().K == Tok::Ident) {
            Locals.insert(cur().S);
            ++P;
          }
        }
        if (isKw("then"))
          ++P;
        Rescue = parseStmts();
      }
      if (isKw("else")) { // begin/rescue/else: run when nothing raised
        ++P;
        NodeP ElseBody = parseStmts();
        NodeP Seq = make(NodeKind::Seq, L);
        Seq->Kids.push_back(std::move(N->Kids[0]));
        Seq->Kids.push_back(std::move(ElseBody));
        N->Kids[0] = std::move(Seq);
      }
      if (isKw("ensure")) {
        ++P;
        Ensure = parseStmts();
      }
      expectKw("end");
      N->Kids.push_back(std::move(Rescue));
      N->Kids.push_back(std::move(Ensure));
      return N;
    }
  }

  NodeP parseIdentifierRest(const Token &X) {
    unsigned L = X.Line;
    const std::string &S = X.S;
    if (S == "next" || S == "break" || S == "return") {
      NodeP N = make(S == "next"    ? NodeKind::Next
                     : S == "break" ? NodeKind::Break
                                    : NodeKind::Return,
                     L);
      if (!atStmtEnd() && cur().K != Tok::Newline && !isOp(";") &&
          !isKw("if") && !isKw("unless") && cur().K != Tok::Text)
        N->Kids.push_back(parseTernary());
      return N;
    }
    if (S == "defined?") {
      NodeP N = make(NodeKind::Defined, L);
      bool Paren = isOp("(");
      if (Paren)
        ++P;
      N->Kids.push_back(Paren ? parseExprStmt() : parseUnary());
      if (Paren)
        expectOp(")");
      return N;
    }
    if (S == "then" || S == "do" || S == "end" || S == "else" || S == "elsif" ||
        S == "when" || S == "in" || S == "and" || S == "or" || S == "class" ||
        S == "module" || S == "yield" || S == "rescue" || S == "ensure" ||
        S == "redo" || S == "retry") {
      --P;
      unexpected();
    }
    if (Locals.count(S) && !(isOp("(") && !cur().SpaceBefore)) {
      NodeP N = make(NodeKind::Lvar, L);
      N->Name = S;
      return N;
    }
    NodeP C = make(NodeKind::Call, L);
    C->Name = S;
    C->Kids.push_back(nullptr);
    parseCallRest(*C, true);
    return C;
  }

public:
  static std::string wrapFlags(const std::string &Src, unsigned Flags) {
    if (!Flags)
      return Src;
    std::string F;
    if (Flags & 1)
      F += 'i';
    if (Flags & 4)
      F += 'm';
    if (Flags & 2)
      F += 'x';
    return "(?" + F + ":" + Src + ")";
  }
};

} // namespace

namespace cppet {
namespace erb {
std::string wrapRegexFlags(const std::string &Src, unsigned Flags) {
  return Parser::wrapFlags(Src, Flags);
}
} // namespace erb
} // namespace cppet

std::shared_ptr<const Template> erb::parseTemplate(llvm::StringRef Source,
                                                   ErbFailure &Failure) {
  try {
    std::vector<Token> Toks;
    scanTemplate(Source, Toks);
    std::set<std::string> Locals;
    Parser Pr(std::move(Toks), Locals);
    auto T = std::make_shared<Template>();
    T->Root = Pr.parseProgram();
    return T;
  } catch (const ParseError &E) {
    Failure.Message = E.Message;
    Failure.Line = E.Line;
    return nullptr;
  }
}
