//===- Hocon.cpp - HOCON configuration files as Puppet values -------------===//
//
// Two passes, as Typesafe Config's: the parser builds a tree of nodes in
// which substitutions and concatenations are still unresolved (duplicate
// keys merge as they are read; a substitution of the field being assigned,
// as in `a += x`, takes the field's previous value right away), then the
// resolver replaces each substitution with the value its path names in the
// finished root. Errors carry the gem's wording and the line.
//
// Where cppet differs from the gem: `include` is an error (the gem reads
// the file, or skips a missing one); an object with numeric keys is not
// turned into a list when concatenated with one; whole numbers beyond
// 64 bits read as Floats (the gem makes Bignums, which Puppet rejects); a
// \u surrogate pair is one UTF-8 character (the gem encodes each half);
// the cycle and concatenation errors leave out the gem's value dumps.
//
//===----------------------------------------------------------------------===//
#include "Hocon.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"

#include <cmath>
#include <cstdlib>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

using namespace cppet;

namespace {

struct Node;
using NodePtr = std::shared_ptr<const Node>;
using Path = std::vector<std::string>;

struct Node {
  enum Kind {
    Simple, // a string, number, boolean or null
    Object,
    List,
    Concat, // values and whitespace on one line: `${a} b`, `[1] [2]`
    Subst,  // ${path} or ${?path}
    Merge,  // a duplicate key whose values merge once resolved: [old, new]
  };
  Kind K;
  unsigned Line = 0;
  Value Scalar;        // Simple
  std::string Text;    // Simple: its text in a concatenation
  bool Quoted = false; // Simple: a string written (or joined) in quotes
  std::vector<std::pair<std::string, NodePtr>> Fields; // Object
  std::unordered_map<std::string, size_t> Index;       // Object: key -> field
  std::vector<NodePtr> Items;                          // List, Concat, Merge
  Path Target;                                         // Subst
  bool Optional = false;                               // Subst: ${?path}
  bool EnvironmentOnly = false; // Subst: a self-reference without a value

  explicit Node(Kind K, unsigned Line) : K(K), Line(Line) {}

  const NodePtr *field(const std::string &Key) const {
    auto It = Index.find(Key);
    return It == Index.end() ? nullptr : &Fields[It->second].second;
  }
  void setField(const std::string &Key, NodePtr V) {
    auto [It, Inserted] = Index.emplace(Key, Fields.size());
    if (Inserted)
      Fields.emplace_back(Key, std::move(V));
    else
      Fields[It->second].second = std::move(V);
  }
};

/// A failure: the gem's message and line; Parse is false for the errors the
/// gem does not raise as ConfigParseError.
struct Failure {
  std::string Message;
  bool Parse = true;
};

std::string pathText(const Path &P) { return llvm::join(P, "."); }

std::string substText(const Node &S) {
  return std::string(S.Optional ? "${?" : "${") + pathText(S.Target) + "}";
}

[[noreturn]] void fail(unsigned Line, const std::string &Message,
                       bool Parse = true) {
  throw Failure{"String: " + std::to_string(Line) + ": " + Message, Parse};
}

/// Merges two objects, Later winning: Later's keys in its order, then the
/// keys only Earlier has (the gem's key order).
NodePtr mergeObjects(const Node &Earlier, const Node &Later);

/// The value of a key set twice: objects merge, anything else replaces;
/// values not known until resolved merge then.
NodePtr combine(const NodePtr &Earlier, const NodePtr &Later) {
  if (Later->K == Node::Simple || Later->K == Node::List)
    return Later;
  if (Later->K == Node::Object && Earlier->K == Node::Object)
    return mergeObjects(*Earlier, *Later);
  if (Later->K == Node::Object &&
      (Earlier->K == Node::Simple || Earlier->K == Node::List))
    return Later;
  auto M = std::make_shared<Node>(Node::Merge, Later->Line);
  M->Items = {Earlier, Later};
  return M;
}

NodePtr mergeObjects(const Node &Earlier, const Node &Later) {
  auto O = std::make_shared<Node>(Node::Object, Later.Line);
  for (const auto &[Key, V] : Later.Fields) {
    const NodePtr *Old = Earlier.field(Key);
    O->setField(Key, Old ? combine(*Old, V) : V);
  }
  for (const auto &[Key, V] : Earlier.Fields)
    if (!Later.field(Key))
      O->setField(Key, V);
  return O;
}

bool isSpace(char C) {
  return C == ' ' || C == '\t' || C == '\r' || C == '\f' || C == '\v';
}

/// Characters that end unquoted text (Typesafe Config's notInUnquotedText).
bool isUnquoted(char C) {
  return !isSpace(C) && C != '\n' &&
         !llvm::StringRef("$\"{}[]:=,+#`^?!@*&\\").contains(C);
}

/// Ruby's Float(): [-]digits[.digits][(e|E)[+|-]digits], or [-].digits....
bool isRubyFloat(llvm::StringRef S) {
  S.consume_front("-");
  const size_t Int = S.find_first_not_of("0123456789");
  llvm::StringRef Rest =
      S.substr(Int == llvm::StringRef::npos ? S.size() : Int);
  bool Digits = Int != 0;
  if (Rest.consume_front(".")) {
    const size_t Frac =
        std::min(Rest.find_first_not_of("0123456789"), Rest.size());
    if (Frac == 0)
      return false;
    Digits = true;
    Rest = Rest.substr(Frac);
  }
  if (!Digits)
    return false;
  if (Rest.empty())
    return true;
  if (!Rest.consume_front("e") && !Rest.consume_front("E"))
    return false;
  if (!Rest.consume_front("+"))
    Rest.consume_front("-");
  return !Rest.empty() &&
         Rest.find_first_not_of("0123456789") == llvm::StringRef::npos;
}

/// The typed value of a run of unquoted text: true, false, null, a number
/// (Ruby's Integer() and Float(), so `010` is octal; a whole Float becomes
/// an Integer) or a string.
Value unquotedValue(llvm::StringRef S) {
  if (S == "true" || S == "false")
    return Value(S == "true");
  if (S == "null")
    return Value();
  const bool Numeric =
      !S.empty() && (S[0] == '-' || llvm::isDigit(S[0])) &&
      S.find_first_not_of("0123456789eE+-.") == llvm::StringRef::npos;
  if (!Numeric)
    return Value(S);
  if (S.find_first_of(".eE") != llvm::StringRef::npos) {
    if (!isRubyFloat(S))
      return Value(S);
    const double D = std::strtod(S.str().c_str(), nullptr);
    if (std::trunc(D) == D && std::fabs(D) < 9.2e18)
      return Value(static_cast<int64_t>(D));
    return Value(D);
  }
  llvm::StringRef Digits = S;
  const bool Negative = Digits.consume_front("-");
  unsigned Radix = 10;
  if (Digits.size() > 1 && Digits[0] == '0')
    Radix = 8;
  uint64_t Magnitude = 0;
  if (Digits.empty() || Digits.getAsInteger(Radix, Magnitude))
    return Value(S); // `08`, `1-2`; an overflow reads as a Float below
  if (Magnitude > static_cast<uint64_t>(INT64_MAX))
    return Value(std::strtod(S.str().c_str(), nullptr));
  const int64_t I = static_cast<int64_t>(Magnitude);
  return Value(Negative ? -I : I);
}

class Parser {
public:
  explicit Parser(llvm::StringRef Text) : S(Text) {
    if (S.startswith("\xEF\xBB\xBF"))
      Pos = 3;
  }

  NodePtr parseDocument() {
    skipBlank();
    if (peek() == '[')
      fail(1, " has type LIST rather than object at file root", false);
    if (peek() != '{')
      return parseObject(false, {});
    advance();
    NodePtr Root = parseObject(true, {});
    skipBlank();
    if (!atEnd())
      fail(Line, "Document has trailing tokens after first object or array: " +
                     describe());
    return Root;
  }

private:
  llvm::StringRef S;
  size_t Pos = 0;
  unsigned Line = 1;
  /// Objects and lists open around the current point: deeper nesting is an
  /// error rather than a stack overflow.
  unsigned Depth = 0;
  static constexpr unsigned MaxDepth = 500;
  /// The objects being read and their paths from the root, innermost last:
  /// where a self-referential substitution finds its previous value.
  std::vector<std::pair<Path, const Node *>> Open;

  bool atEnd() const { return Pos >= S.size(); }
  char peek(size_t Ahead = 0) const {
    return Pos + Ahead < S.size() ? S[Pos + Ahead] : '\0';
  }
  void advance() {
    if (S[Pos++] == '\n')
      ++Line;
  }
  bool atComment() const {
    return peek() == '#' || (peek() == '/' && peek(1) == '/');
  }
  void skipSpaces() {
    while (!atEnd() && isSpace(peek()))
      advance();
    if (atComment())
      while (!atEnd() && peek() != '\n')
        advance();
  }
  /// Skips whitespace, comments and newlines.
  void skipBlank() {
    for (skipSpaces(); peek() == '\n'; skipSpaces())
      advance();
  }

  /// The next token as the gem's messages name it.
  std::string describe() const {
    if (atEnd())
      return "end of file";
    const char C = peek();
    if (C == '\n')
      return "newline";
    if (!isUnquoted(C)) {
      std::string T = std::string("'") + C + "'";
      if (llvm::StringRef("`^?!@*&\\").contains(C))
        T += " (Reserved character '" + std::string(1, C) +
             "' is not allowed outside quotes)";
      return T;
    }
    size_t End = Pos;
    while (End < S.size() && isUnquoted(S[End]))
      ++End;
    return "'" + S.slice(Pos, End).str() + "'";
  }
  /// The gem's suggestion after a token it did not expect (its closing
  /// parenthesis is missing there too).
  std::string hint(const std::string &Token) const {
    if (atEnd() || peek() == '\n')
      return "";
    return " (if you intended " + Token +
           " to be part of a key or string value, try enclosing the key or "
           "value in double quotes";
  }
  static std::string withHint(const std::string &Token) {
    return Token + " (if you intended " + Token +
           " to be part of a key or string value, try enclosing the key or "
           "value in double quotes";
  }
  std::string quoteHint(const std::string &Token) const {
    return Token + hint(Token);
  }

  /// A run of unquoted text, which `//` ends.
  llvm::StringRef unquotedRun() {
    const size_t Start = Pos;
    while (!atEnd() && isUnquoted(peek()) && !atComment())
      advance();
    return S.slice(Start, Pos);
  }

  void appendCodePoint(std::string &Out, uint32_t C) {
    char Buf[4];
    char *Ptr = Buf;
    llvm::ConvertCodePointToUTF8(C, Ptr);
    Out.append(Buf, Ptr);
  }

  /// A "quoted" (JSON escapes) or """triple-quoted""" (raw) string.
  std::string quotedString() {
    if (S.substr(Pos).startswith("\"\"\"")) {
      for (int I = 0; I < 3; ++I)
        advance();
      const size_t End = S.find("\"\"\"", Pos);
      if (End == llvm::StringRef::npos)
        fail(Line, "End of input but triple-quoted string was still open");
      size_t Close = End + 3;
      while (Close < S.size() && S[Close] == '"') // `""""` ends with a quote
        ++Close;
      std::string Out = S.slice(Pos, Close - 3).str();
      while (Pos < Close)
        advance();
      return Out;
    }
    advance();
    std::string Out;
    while (true) {
      if (atEnd())
        fail(Line, "Expecting a value but got wrong token: " +
                       withHint("'-1' (End of input but string quote was "
                                "still open)"));
      const char C = peek();
      if (C == '"') {
        advance();
        return Out;
      }
      if (C == '\n')
        fail(Line,
             "Expecting a value but got wrong token: " +
                 withHint("'\n' (JSON does not allow unescaped \n in quoted "
                          "strings, use a backslash escape)"));
      advance();
      if (C != '\\') {
        Out += C;
        continue;
      }
      const char E = atEnd() ? '\0' : peek();
      if (!atEnd())
        advance();
      switch (E) {
      case '"':
      case '\\':
      case '/':
        Out += E;
        break;
      case 'b':
        Out += '\b';
        break;
      case 'f':
        Out += '\f';
        break;
      case 'n':
        Out += '\n';
        break;
      case 'r':
        Out += '\r';
        break;
      case 't':
        Out += '\t';
        break;
      case 'u': {
        uint32_t C1 = 0;
        if (S.substr(Pos).size() < 4 || S.substr(Pos, 4).getAsInteger(16, C1))
          fail(Line, "Malformed \\u escape in quoted string");
        Pos += 4;
        // A surrogate pair is one character (the gem writes each half).
        uint32_t C2 = 0;
        if (C1 >= 0xD800 && C1 < 0xDC00 && S.substr(Pos).startswith("\\u") &&
            !S.substr(Pos + 2, 4).getAsInteger(16, C2) && C2 >= 0xDC00 &&
            C2 < 0xE000) {
          Pos += 6;
          C1 = 0x10000 + ((C1 - 0xD800) << 10) + (C2 - 0xDC00);
        }
        appendCodePoint(Out, C1);
        break;
      }
      default:
        fail(Line, std::string("backslash followed by '") + E +
                       "', this is not a valid escape sequence");
      }
    }
  }

  /// A path expression (a key, or inside `${}`): unquoted text splits at
  /// '.', quoted text does not, whitespace between parts is kept.
  Path parsePath() {
    Path P;
    std::string Element, Spaces;
    bool HasElement = false, Any = false;
    const auto BadPath = [] {
      throw Failure{"path has a leading, trailing, or two adjacent period "
                    "'.' (use quoted \"\" empty string if you want an empty "
                    "element)",
                    false};
    };
    while (!atEnd()) {
      const char C = peek();
      if (isSpace(C)) {
        Spaces += C;
        advance();
        continue;
      }
      if (C == '"') {
        Element += (HasElement ? Spaces : "") + quotedString();
        HasElement = true;
      } else if (isUnquoted(C) && !atComment()) {
        for (char T : unquotedRun()) {
          if (T != '.') {
            Element += (HasElement ? Spaces : "") + T;
            Spaces.clear();
            HasElement = true;
            continue;
          }
          if (!HasElement)
            BadPath();
          P.push_back(std::move(Element));
          Element.clear();
          HasElement = false;
        }
      } else {
        break;
      }
      Spaces.clear();
      Any = true;
    }
    if (!Any)
      return P;
    if (!HasElement)
      BadPath();
    P.push_back(std::move(Element));
    return P;
  }

  NodePtr parseSubstitution() {
    const unsigned At = Line;
    advance(); // $
    if (peek() != '{') {
      const std::string Next = describe();
      fail(Line, "Expecting a value but got wrong token: " +
                     quoteHint(Next + " ('$' not followed by {, " + Next +
                               " not allowed after '$')"));
    }
    advance();
    auto N = std::make_shared<Node>(Node::Subst, At);
    if (peek() == '?') {
      N->Optional = true;
      advance();
    }
    N->Target = parsePath();
    if (N->Target.empty() || peek() != '}')
      fail(Line, "Substitution ${ must be followed by a path, then }");
    advance();
    return N;
  }

  /// A list after its '['.
  NodePtr parseList(const Path &Where) {
    auto L = std::make_shared<Node>(Node::List, Line);
    enter();
    while (true) {
      skipBlank();
      if (peek() == ']') {
        advance();
        --Depth;
        return L;
      }
      if (atEnd() || peek() == ',')
        listError(L->Items.empty()
                      ? "List should have ] or a first element after the "
                        "open [, instead had token: "
                      : "List should have had new element after a comma, "
                        "instead had token: ",
                  !L->Items.empty());
      L->Items.push_back(parseValue(Where));
      if (!separator() && peek() != ']')
        listError("List should have ended with ] or had a comma, instead "
                  "had token: ");
    }
  }
  /// Skips what separates two fields or elements: a comma, newlines, or
  /// newlines then a comma. False if there is none.
  bool separator() {
    skipSpaces();
    const bool Newline = peek() == '\n';
    skipBlank();
    if (peek() != ',')
      return Newline;
    advance();
    return true;
  }
  void enter() {
    if (++Depth > MaxDepth)
      fail(Line, "objects and lists nested more than " +
                     std::to_string(MaxDepth) + " deep");
  }
  [[noreturn]] void listError(const char *Message, bool AfterComma = false) {
    const std::string Token = describe();
    fail(Line, Message + Token + " (if you want " +
                   (AfterComma ? "the comma or " : "") + Token +
                   " to be part of a string value, then double-quote it)");
  }

  /// `include` starting a field: the gem's errors for a malformed one;
  /// cppet reads no included files.
  [[noreturn]] void parseInclude() {
    const unsigned At = Line;
    Pos += 7;
    skipSpaces();
    if (peek() == '"')
      fail(At, "cppet does not support HOCON include");
    const std::string Token = describe();
    if (atEnd() || !isUnquoted(peek()))
      fail(Line,
           "include keyword is not followed by a quoted string, but by: " +
               Token);
    const llvm::StringRef Run = unquotedRun();
    if (unquotedValue(Run).isNumber())
      fail(Line,
           "include keyword is not followed by a quoted string, but by: " +
               Token + " (NUMBER)");
    if (Run == "file(" || Run == "url(" || Run == "classpath(")
      fail(At, "cppet does not support HOCON include");
    fail(Line, "expecting include parameter to be quoted filename, file(), "
               "classpath(), or url(). No spaces are allowed before the open "
               "paren. Not expecting: " +
                   Token);
  }

  /// A value: one or more values and the whitespace between them up to the
  /// end of the line, a comma or a closing bracket.
  NodePtr parseValue(const Path &Where) {
    std::vector<NodePtr> Parts;
    std::string Spaces;
    bool LastSimple = false;
    while (!atEnd()) {
      const char C = peek();
      if (isSpace(C)) {
        Spaces += C;
        advance();
        continue;
      }
      if (atComment())
        break;
      NodePtr Part;
      const unsigned At = Line;
      // Quoted and unquoted text and substitutions are "simple": whitespace
      // between two of them is part of the value, other whitespace is not.
      const bool Simple = C == '"' || C == '$' || isUnquoted(C);
      if (C == '"') {
        auto N = std::make_shared<Node>(Node::Simple, At);
        N->Text = quotedString();
        N->Scalar = Value(N->Text);
        N->Quoted = true;
        Part = N;
      } else if (C == '{') {
        advance();
        Part = parseObject(true, Where);
      } else if (C == '[') {
        advance();
        Part = parseList(Where);
      } else if (C == '$') {
        Part = parseSubstitution();
      } else if (isUnquoted(C)) {
        auto N = std::make_shared<Node>(Node::Simple, At);
        N->Text = unquotedRun().str();
        N->Scalar = unquotedValue(N->Text);
        Part = N;
      } else {
        break;
      }
      if (LastSimple && Simple && !Spaces.empty()) {
        auto W = std::make_shared<Node>(Node::Simple, At);
        W->Text = Spaces;
        W->Scalar = Value(Spaces);
        Parts.push_back(W);
      }
      Spaces.clear();
      LastSimple = Simple;
      Parts.push_back(std::move(Part));
    }
    if (Parts.empty() && peek() == '+') {
      advance();
      const std::string Next = describe();
      fail(Line, "Expecting a value but got wrong token: " +
                     quoteHint(Next + " ('+' not followed by =, " + Next +
                               " not allowed after '+')"));
    }
    if (Parts.empty())
      fail(Line,
           "Expecting a value but got wrong token: " + quoteHint(describe()));
    // Adjacent text joins into one quoted string right away, as the gem
    // does (which matters to what an object or list then drops).
    std::vector<NodePtr> Joined;
    for (NodePtr &Part : Parts) {
      const NodePtr *Last = Joined.empty() ? nullptr : &Joined.back();
      if (!Last || Part->K != Node::Simple || (*Last)->K != Node::Simple) {
        Joined.push_back(std::move(Part));
        continue;
      }
      auto Str = std::make_shared<Node>(Node::Simple, (*Last)->Line);
      Str->Text = (*Last)->Text + Part->Text;
      Str->Scalar = Value(Str->Text);
      Str->Quoted = true;
      Joined.back() = Str;
    }
    if (Joined.size() == 1)
      return Joined[0];
    auto N = std::make_shared<Node>(Node::Concat, Joined[0]->Line);
    N->Items = std::move(Joined);
    return N;
  }

  /// The value Where had before this assignment, or null.
  NodePtr previousValue(const Path &Where) const {
    for (auto It = Open.rbegin(); It != Open.rend(); ++It) {
      const Path &Prefix = It->first;
      if (Where.size() <= Prefix.size() ||
          !std::equal(Prefix.begin(), Prefix.end(), Where.begin()))
        continue;
      const Node *O = It->second;
      for (size_t I = Prefix.size(); O && I < Where.size(); ++I) {
        const NodePtr *F = O->K == Node::Object ? O->field(Where[I]) : nullptr;
        if (!F)
          break;
        if (I + 1 == Where.size())
          return *F;
        O = F->get();
      }
    }
    return nullptr;
  }

  /// V with each substitution of Where itself (`a = ${a} x`, `a += x`)
  /// replaced by Where's previous value.
  NodePtr replaceSelfReferences(const NodePtr &V, const Path &Where,
                                const NodePtr &Previous) {
    if (V->K == Node::Subst) {
      if (V->Target != Where)
        return V;
      if (Previous)
        return Previous;
      auto N = std::make_shared<Node>(*V);
      N->EnvironmentOnly = true;
      return N;
    }
    if (V->K != Node::Concat && V->K != Node::List)
      return V;
    auto N = std::make_shared<Node>(*V);
    for (NodePtr &Item : N->Items)
      Item = replaceSelfReferences(Item, Where, Previous);
    return N;
  }

  void parseField(Node &Obj, const Path &Prefix) {
    const unsigned At = Line;
    if (S.substr(Pos).startswith("include") &&
        (Pos + 7 == S.size() || !isUnquoted(peek(7))))
      parseInclude();
    const Path Key = parsePath();
    if (Key.empty())
      fail(Line,
           "expecting a close brace or a field name here, got " + describe());
    skipBlank();
    const bool Append = peek() == '+' && peek(1) == '=';
    NodePtr V;
    Path Where = Prefix;
    Where.insert(Where.end(), Key.begin(), Key.end());
    if (peek() == '{') {
      advance();
      V = parseObject(true, Where);
    } else if (peek() == '=' || peek() == ':' || Append) {
      advance();
      if (Append)
        advance();
      skipBlank();
      V = parseValue(Where);
    } else {
      fail(Line, "Key '" + pathText(Key) + "' may not be followed by token: " +
                     quoteHint(describe()));
    }
    if (Append) { // a += x is a = ${?a} [x]
      auto Self = std::make_shared<Node>(Node::Subst, At);
      Self->Target = Where;
      Self->Optional = true;
      auto Wrapped = std::make_shared<Node>(Node::List, At);
      Wrapped->Items = {V};
      auto C = std::make_shared<Node>(Node::Concat, At);
      C->Items = {Self, Wrapped};
      V = C;
    }
    V = replaceSelfReferences(V, Where, previousValue(Where));
    for (size_t I = Key.size() - 1; I > 0; --I) {
      auto O = std::make_shared<Node>(Node::Object, At);
      O->setField(Key[I], V);
      V = O;
    }
    const NodePtr *Old = Obj.field(Key[0]);
    Obj.setField(Key[0], Old ? combine(*Old, V) : V);
  }

  /// An object's fields, after its '{' when Braced.
  NodePtr parseObject(bool Braced, const Path &Where) {
    auto Obj = std::make_shared<Node>(Node::Object, Line);
    enter();
    Open.emplace_back(Where, Obj.get());
    while (true) {
      skipBlank();
      if (atEnd()) {
        if (Braced)
          fail(Line, "expecting a close brace or a field name here, got end "
                     "of file");
        break;
      }
      if (peek() == '}') {
        if (!Braced)
          fail(Line,
               "unbalanced close brace '}' with no open brace" + hint("'}'"));
        advance();
        break;
      }
      if (peek() == ',')
        fail(Line, "expecting a close brace or a field name here, got ','");
      parseField(*Obj, Where);
      if (!separator() && !atEnd() && peek() != '}')
        fail(Line, "Expecting close brace } or a comma, got " +
                       quoteHint(describe()));
    }
    Open.pop_back();
    --Depth;
    return Obj;
  }
};

/// Resolves substitutions against the root; a resolved node is a Simple,
/// Object or List with resolved children, or null for an undefined value
/// (a `${?path}` that names nothing).
class Resolver {
public:
  explicit Resolver(NodePtr Root) : Root(std::move(Root)) {}

  NodePtr resolve(const NodePtr &N) {
    if (N->K == Node::Simple)
      return N;
    auto Known = Done.find(N.get());
    if (Known != Done.end())
      return Known->second;
    if (Active.size() > MaxActive)
      fail(N->Line, "substitutions and values nested more than " +
                        std::to_string(MaxActive) + " deep");
    Active.insert(N.get());
    NodePtr R = resolveUncached(*N);
    Active.erase(N.get());
    Done.emplace(N.get(), R);
    return R;
  }

  const NodePtr &root() const { return Root; }

private:
  NodePtr Root;
  std::unordered_map<const Node *, NodePtr> Done;
  /// The nodes being resolved: a substitution of one of them is a cycle;
  /// too many is an error rather than a stack overflow.
  std::unordered_set<const Node *> Active;
  static constexpr size_t MaxActive = 500;

  NodePtr resolveUncached(const Node &N) {
    switch (N.K) {
    case Node::Simple:
      break;
    case Node::Object: {
      auto O = std::make_shared<Node>(Node::Object, N.Line);
      for (const auto &[Key, V] : N.Fields)
        if (NodePtr R = resolve(V))
          O->setField(Key, R);
      return O;
    }
    case Node::List: {
      auto L = std::make_shared<Node>(Node::List, N.Line);
      for (const NodePtr &Item : N.Items)
        if (NodePtr R = resolve(Item))
          L->Items.push_back(R);
      return L;
    }
    case Node::Concat:
      return concatenate(N);
    case Node::Subst:
      return substitute(N);
    case Node::Merge: {
      NodePtr Later = resolve(N.Items[1]);
      if (!Later)
        return resolve(N.Items[0]);
      if (Later->K != Node::Object)
        return Later;
      NodePtr Earlier = resolve(N.Items[0]);
      if (!Earlier || Earlier->K != Node::Object)
        return Later;
      return mergeObjects(*Earlier, *Later);
    }
    }
    return nullptr;
  }

  /// The node Target names in the root, walking unresolved objects and
  /// resolving anything else on the way; null when there is none.
  NodePtr find(const Path &Target, const Node &From) {
    NodePtr Cur = Root;
    for (const std::string &Key : Target) {
      if (Cur->K != Node::Object) {
        if (Active.count(Cur.get()))
          cycle(From);
        Cur = resolve(Cur);
        if (!Cur || Cur->K != Node::Object)
          return nullptr;
      }
      const NodePtr *F = Cur->field(Key);
      if (!F)
        return nullptr;
      Cur = *F;
    }
    return Cur;
  }

  [[noreturn]] void cycle(const Node &From) {
    fail(From.Line,
         "Could not resolve substitution to a value: " + substText(From) +
             " was part of a cycle of substitutions");
  }

  NodePtr substitute(const Node &N) {
    if (!N.EnvironmentOnly) {
      if (NodePtr Target = find(N.Target, N)) {
        if (Active.count(Target.get()))
          cycle(N);
        if (NodePtr R = resolve(Target))
          return R;
      }
    }
    if (const char *Env = std::getenv(pathText(N.Target).c_str())) {
      auto E = std::make_shared<Node>(Node::Simple, N.Line);
      E->Text = Env;
      E->Scalar = Value(E->Text);
      return E;
    }
    if (N.Optional)
      return nullptr;
    fail(N.Line, "Could not resolve substitution to a value: " + substText(N));
  }

  /// The gem's ConfigConcatenation.join, value by value: objects merge,
  /// lists append, unquoted text after an object or list is dropped, and
  /// anything else joins as strings (an object or list there is an error).
  NodePtr concatenate(const Node &N) {
    NodePtr Left;
    for (const NodePtr &Item : N.Items) {
      NodePtr Right = resolve(Item);
      if (!Right)
        continue; // an undefined ${?path}
      if (!Left) {
        Left = Right;
        continue;
      }
      const bool Composite = Left->K == Node::Object || Left->K == Node::List;
      if (Left->K == Node::Object && Right->K == Node::Object) {
        Left = mergeObjects(*Left, *Right);
      } else if (Left->K == Node::List && Right->K == Node::List) {
        auto L = std::make_shared<Node>(*Left);
        L->Items.insert(L->Items.end(), Right->Items.begin(),
                        Right->Items.end());
        Left = L;
      } else if (Composite && Right->K == Node::Simple &&
                 Right->Scalar.isString() && !Right->Quoted) {
        continue;
      } else if (Composite || Right->K != Node::Simple) {
        fail(Left->Line,
             "Cannot concatenate object or list with a non-object-or-list",
             false);
      } else {
        auto Str = std::make_shared<Node>(Node::Simple, Left->Line);
        Str->Text = Left->Text + Right->Text;
        Str->Scalar = Value(Str->Text);
        Str->Quoted = true;
        Left = Str;
      }
    }
    return Left;
  }
};

Value toValue(const Node &N) {
  switch (N.K) {
  case Node::Object: {
    HashData H;
    for (const auto &[Key, V] : N.Fields)
      H.set(Value(Key), toValue(*V));
    return Value(std::move(H));
  }
  case Node::List: {
    Array A;
    A.reserve(N.Items.size());
    for (const NodePtr &Item : N.Items)
      A.push_back(toValue(*Item));
    return Value(std::move(A));
  }
  default:
    return N.Scalar;
  }
}

} // namespace

std::optional<Value> cppet::parseHocon(llvm::StringRef Text, std::string &Error,
                                       bool *IsParseError) {
  try {
    Parser P(Text);
    Resolver R(P.parseDocument());
    NodePtr Root = R.resolve(R.root());
    return toValue(*Root);
  } catch (const Failure &F) {
    Error = F.Message;
    if (IsParseError)
      *IsParseError = F.Parse;
    return std::nullopt;
  }
}
