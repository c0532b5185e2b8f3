//===- AST.h - The Puppet manifest language syntax tree -------------------===//
//
// An owned tree: every node is held by a unique_ptr in its parent and keeps
// the source range it was parsed from. The parser (lib/Parse) builds it; Sema
// and Compile only read it. No ANTLR type appears here.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_AST_AST_H
#define CPPET_AST_AST_H

#include "cppet/Support/SourceManager.h"

#include "llvm/Support/Casting.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cppet {
namespace ast {

class Expr;
using ExprPtr = std::unique_ptr<Expr>;
using ExprList = std::vector<ExprPtr>;

/// Every node kind. Kinds between FirstDefinition and LastDefinition are
/// definitions (class, define, node, function, type alias).
enum class Kind : uint8_t {
  // literals and names
  LiteralString,      // 'x', or "x" with no interpolation, heredoc text
  ConcatString,       // "a${b}c": Parts
  LiteralInteger,     // 42, 0x2a, 052
  LiteralFloat,       // 1.5, 1e3
  LiteralBoolean,     // true/false
  LiteralUndef,       // undef
  LiteralDefault,     // default
  LiteralRegex,       // /re/
  LiteralArray,       // [a, b]
  LiteralHash,        // {k => v}
  QualifiedName,      // bare word: foo, foo::bar (evaluates to a string)
  QualifiedReference, // capitalized name: File, Foo::Bar (a type)
  Variable,           // $x, $::x, $a::b, $0 (Name without '$')
  // operators
  Unary,        // !x, -x, *x (splat)
  Binary,       // arithmetic, comparison, match, in, and/or
  Assignment,   // $x = v, [$a, $b] = v
  Relationship, // a -> b, a ~> b, a <- b, a <~ b
  Access,       // x[a, b]
  Selector,     // x ? { k => v, ... }
  // calls and lambdas
  Call,       // name(args) |params| { }  (also `include a, b`)
  MethodCall, // x.name(args) |params| { }
  Lambda,     // |params| { body }
  // control flow
  Block, // a sequence of statements
  If,    // if/elsif/else; unless is If with Negated
  Case,  // case x { a, b: {...} default: {...} }
  // resources
  Resource,         // [@|@@]type { title: attr => v; ... }
  ResourceDefaults, // Type { attr => v }
  ResourceOverride, // Type['t'] { attr => v } (also collector override)
  Collector,        // Type <| query |> [{ overrides }], Type <<| |>>
  QueryOp,          // attr == v, attr != v, and/or/not within a collector
  // Puppet 3
  Import, // import 'nodes/*.pp'
  // EPP
  EppRender, // <%= expr %> (Body holds the expression)
  EppText,   // literal template text
  // definitions
  ClassDef,
  DefineDef,
  NodeDef,
  FunctionDef,
  TypeAlias,
  FirstDefinition = ClassDef,
  LastDefinition = TypeAlias,
};

/// Base of every node.
class Expr {
public:
  virtual ~Expr() = default;
  Kind getKind() const { return K; }
  SourceRange Range;

protected:
  explicit Expr(Kind K, SourceRange R = {}) : Range(R), K(K) {}

private:
  Kind K;
};

template <Kind KindValue> class ExprOf : public Expr {
public:
  static bool classof(const Expr *E) { return E->getKind() == KindValue; }

protected:
  explicit ExprOf(SourceRange R = {}) : Expr(KindValue, R) {}
};

struct LiteralString : ExprOf<Kind::LiteralString> {
  explicit LiteralString(std::string V, SourceRange R = {})
      : ExprOf(R), Value(std::move(V)) {}
  std::string Value;
  /// True for single-quoted strings (distinguishes 'x' from bare words in
  /// the few places where that matters).
  bool SingleQuoted = false;
};

/// A double-quoted string or heredoc with interpolation. Parts are
/// LiteralString segments and embedded expressions (`$x` -> Variable,
/// `${expr}` -> that expression; `${name}` and `${name[...]}` resolve the
/// leading bare word as a variable, as Puppet does).
struct ConcatString : ExprOf<Kind::ConcatString> {
  explicit ConcatString(SourceRange R = {}) : ExprOf(R) {}
  ExprList Parts;
};

struct LiteralInteger : ExprOf<Kind::LiteralInteger> {
  LiteralInteger(int64_t V, SourceRange R = {}) : ExprOf(R), Value(V) {}
  int64_t Value;
  unsigned Radix = 10;
};

struct LiteralFloat : ExprOf<Kind::LiteralFloat> {
  LiteralFloat(double V, SourceRange R = {}) : ExprOf(R), Value(V) {}
  double Value;
};

struct LiteralBoolean : ExprOf<Kind::LiteralBoolean> {
  LiteralBoolean(bool V, SourceRange R = {}) : ExprOf(R), Value(V) {}
  bool Value;
};

struct LiteralUndef : ExprOf<Kind::LiteralUndef> {
  explicit LiteralUndef(SourceRange R = {}) : ExprOf(R) {}
};

struct LiteralDefault : ExprOf<Kind::LiteralDefault> {
  explicit LiteralDefault(SourceRange R = {}) : ExprOf(R) {}
};

/// Pattern is the regex source between the slashes, with `\/` unescaped.
struct LiteralRegex : ExprOf<Kind::LiteralRegex> {
  LiteralRegex(std::string P, SourceRange R = {})
      : ExprOf(R), Pattern(std::move(P)) {}
  std::string Pattern;
};

struct LiteralArray : ExprOf<Kind::LiteralArray> {
  explicit LiteralArray(SourceRange R = {}) : ExprOf(R) {}
  ExprList Elements;
};

struct HashEntry {
  ExprPtr Key;
  ExprPtr Value;
};

struct LiteralHash : ExprOf<Kind::LiteralHash> {
  explicit LiteralHash(SourceRange R = {}) : ExprOf(R) {}
  std::vector<HashEntry> Entries;
};

/// A bare word such as `foo`, `foo::bar`, `::foo`. Evaluates to the string.
struct QualifiedName : ExprOf<Kind::QualifiedName> {
  QualifiedName(std::string N, SourceRange R = {})
      : ExprOf(R), Name(std::move(N)) {}
  std::string Name;
};

/// A capitalized name such as `File`, `Foo::Bar`, `Integer`.
struct QualifiedReference : ExprOf<Kind::QualifiedReference> {
  QualifiedReference(std::string N, SourceRange R = {})
      : ExprOf(R), Name(std::move(N)) {}
  std::string Name; // as written, e.g. "Foo::Bar"
};

/// `$name`; Name is without the dollar ("x", "::x", "a::b", "0").
struct Variable : ExprOf<Kind::Variable> {
  Variable(std::string N, SourceRange R = {}) : ExprOf(R), Name(std::move(N)) {}
  std::string Name;
};

enum class UnaryOp : uint8_t { Not, Negate, Splat };

struct Unary : ExprOf<Kind::Unary> {
  Unary(UnaryOp Op, ExprPtr E, SourceRange R = {})
      : ExprOf(R), Op(Op), Operand(std::move(E)) {}
  UnaryOp Op;
  ExprPtr Operand;
};

enum class BinaryOp : uint8_t {
  Add,
  Sub,
  Mul,
  Div,
  Mod,
  Shl,
  Shr,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  Match,
  NotMatch,
  In,
  And,
  Or,
};

struct Binary : ExprOf<Kind::Binary> {
  Binary(BinaryOp Op, ExprPtr L, ExprPtr Rhs, SourceRange R = {})
      : ExprOf(R), Op(Op), LHS(std::move(L)), RHS(std::move(Rhs)) {}
  BinaryOp Op;
  ExprPtr LHS;
  ExprPtr RHS;
};

/// `=` (Puppet 4+ has only plain assignment; `+=`/`-=` are syntax errors).
struct Assignment : ExprOf<Kind::Assignment> {
  Assignment(ExprPtr L, ExprPtr Rhs, SourceRange R = {})
      : ExprOf(R), LHS(std::move(L)), RHS(std::move(Rhs)) {}
  ExprPtr LHS; // Variable, or LiteralArray of Variables
  ExprPtr RHS;
};

enum class RelationshipOp : uint8_t {
  Before,    // ->
  Notify,    // ~>
  Require,   // <-
  Subscribe, // <~
};

struct Relationship : ExprOf<Kind::Relationship> {
  Relationship(RelationshipOp Op, ExprPtr L, ExprPtr Rhs, SourceRange R = {})
      : ExprOf(R), Op(Op), LHS(std::move(L)), RHS(std::move(Rhs)) {}
  RelationshipOp Op;
  ExprPtr LHS;
  ExprPtr RHS;
};

/// `x[a, b]` — array/hash/string indexing, type parameterization
/// (`Integer[1]`), and resource references (`File['a']`).
struct Access : ExprOf<Kind::Access> {
  explicit Access(SourceRange R = {}) : ExprOf(R) {}
  ExprPtr Target;
  ExprList Keys;
};

struct SelectorEntry {
  ExprPtr Match;
  ExprPtr Value;
};

struct Selector : ExprOf<Kind::Selector> {
  explicit Selector(SourceRange R = {}) : ExprOf(R) {}
  ExprPtr Control;
  std::vector<SelectorEntry> Entries;
};

/// A lambda parameter or a class/define/function parameter.
struct Parameter {
  std::string Name;          // without '$'
  ExprPtr Type;              // optional type expression
  ExprPtr Default;           // optional default
  bool CapturesRest = false; // *$rest
  SourceRange Range;
};

struct Lambda : ExprOf<Kind::Lambda> {
  explicit Lambda(SourceRange R = {}) : ExprOf(R) {}
  std::vector<Parameter> Params;
  ExprPtr Body; // Block
};

/// `name(args) |x| {}` or `name args` (a statement call without parens).
struct Call : ExprOf<Kind::Call> {
  explicit Call(SourceRange R = {}) : ExprOf(R) {}
  std::string Name; // function name, e.g. "include", "mod::fn"
  ExprList Args;
  std::unique_ptr<Lambda> Block; // optional
  bool Parenthesized = true;
};

/// `recv.name(args) |x| {}`; `recv.name` without parens is allowed too.
struct MethodCall : ExprOf<Kind::MethodCall> {
  explicit MethodCall(SourceRange R = {}) : ExprOf(R) {}
  ExprPtr Receiver;
  /// Where Puppet locates the call (its errors, its resources): the `(`
  /// of the arguments, or the `.` when there are none.
  SourceRange CallRange;
  std::string Name;
  ExprList Args;
  std::unique_ptr<Lambda> Block; // optional
};

struct Block : ExprOf<Kind::Block> {
  explicit Block(SourceRange R = {}) : ExprOf(R) {}
  ExprList Statements;
};

/// if/elsif/else and unless. `elsif` chains are nested Ifs in Else.
struct If : ExprOf<Kind::If> {
  explicit If(SourceRange R = {}) : ExprOf(R) {}
  ExprPtr Condition;
  ExprPtr Then;         // Block
  ExprPtr Else;         // Block, If (elsif), or null
  bool Negated = false; // unless
};

struct CaseOption {
  ExprList Values; // `default` is LiteralDefault
  ExprPtr Body;    // Block
  SourceRange Range;
};

struct Case : ExprOf<Kind::Case> {
  explicit Case(SourceRange R = {}) : ExprOf(R) {}
  ExprPtr Control;
  std::vector<CaseOption> Options;
};

/// `name => value`, `name +> value`, or `* => hash`.
struct AttributeOp {
  std::string Name; // "*" for splat
  ExprPtr Value;
  bool Append = false; // +>
  SourceRange Range;
};

struct ResourceBody {
  ExprPtr Title;
  std::vector<AttributeOp> Attributes;
  SourceRange Range;
};

enum class ResourceForm : uint8_t { Regular, Virtual, Exported };

/// `file { 'a': ...; 'b': ... }`, `class { 'x': }`, `@user {}`,
/// `@@host {}`, and the resource-reference form `Resource[file] { }`.
struct Resource : ExprOf<Kind::Resource> {
  explicit Resource(SourceRange R = {}) : ExprOf(R) {}
  ResourceForm Form = ResourceForm::Regular;
  /// The type: a QualifiedName (`file`, `mod::thing`, `class`), or an
  /// expression evaluating to a type (`Resource[file]`).
  ExprPtr Type;
  std::vector<ResourceBody> Bodies;
};

struct ResourceDefaults : ExprOf<Kind::ResourceDefaults> {
  explicit ResourceDefaults(SourceRange R = {}) : ExprOf(R) {}
  ExprPtr Type; // QualifiedReference (File) or Access (Resource[file])
  std::vector<AttributeOp> Attributes;
};

struct ResourceOverride : ExprOf<Kind::ResourceOverride> {
  explicit ResourceOverride(SourceRange R = {}) : ExprOf(R) {}
  ExprPtr Target; // reference expression: File['a'], Collector
  std::vector<AttributeOp> Attributes;
};

enum class QueryKind : uint8_t { Eq, Ne, And, Or, Paren };

/// A collector query: `title == 'x'`, `tag != 'y'`, `(a) and (b)`.
struct QueryOp : ExprOf<Kind::QueryOp> {
  explicit QueryOp(SourceRange R = {}) : ExprOf(R) {}
  QueryKind Op = QueryKind::Eq;
  std::string Attribute; // for Eq/Ne
  ExprPtr Value;         // for Eq/Ne
  ExprPtr LHS;           // for And/Or/Paren (Paren uses LHS only)
  ExprPtr RHS;
};

struct Collector : ExprOf<Kind::Collector> {
  explicit Collector(SourceRange R = {}) : ExprOf(R) {}
  ExprPtr Type;                       // QualifiedReference
  ExprPtr Query;                      // QueryOp or null (collect all)
  bool Exported = false;              // <<| |>>
  std::vector<AttributeOp> Overrides; // `Type <| |> { attr => v }`
  bool HasOverrideBlock = false;
};

/// Puppet 3 `import 'pattern'` (several patterns allowed).
struct Import : ExprOf<Kind::Import> {
  explicit Import(SourceRange R = {}) : ExprOf(R) {}
  std::vector<std::string> Patterns;
};

struct EppRender : ExprOf<Kind::EppRender> {
  explicit EppRender(SourceRange R = {}) : ExprOf(R) {}
  ExprPtr Body;
};

struct EppText : ExprOf<Kind::EppText> {
  EppText(std::string T, SourceRange R = {}) : ExprOf(R), Text(std::move(T)) {}
  std::string Text;
};

/// `class name($p = 1) inherits parent { body }`.
struct ClassDef : ExprOf<Kind::ClassDef> {
  explicit ClassDef(SourceRange R = {}) : ExprOf(R) {}
  std::string Name; // lowercased, without leading '::'
  std::vector<Parameter> Params;
  std::string Parent; // empty if none
  ExprPtr Body;       // Block
};

struct DefineDef : ExprOf<Kind::DefineDef> {
  explicit DefineDef(SourceRange R = {}) : ExprOf(R) {}
  std::string Name;
  std::vector<Parameter> Params;
  ExprPtr Body;
};

/// One node matcher: a name ('web1', web1.example.com), a regex or default.
struct NodeMatcher {
  enum MatcherKind : uint8_t { Name, Regex, Default } Kind = Name;
  std::string Value; // name (lowercased) or regex source
  SourceRange Range;
};

struct NodeDef : ExprOf<Kind::NodeDef> {
  explicit NodeDef(SourceRange R = {}) : ExprOf(R) {}
  std::vector<NodeMatcher> Matchers;
  /// Puppet 3 `inherits`: parent node name (or regex); empty if none.
  std::string Parent;
  SourceRange ParentRange;
  ExprPtr Body;
};

struct FunctionDef : ExprOf<Kind::FunctionDef> {
  explicit FunctionDef(SourceRange R = {}) : ExprOf(R) {}
  std::string Name;
  std::vector<Parameter> Params;
  ExprPtr ReturnType; // optional
  ExprPtr Body;
};

/// `type Mod::Name = TypeExpr`.
struct TypeAlias : ExprOf<Kind::TypeAlias> {
  explicit TypeAlias(SourceRange R = {}) : ExprOf(R) {}
  std::string Name; // as written, e.g. "Mod::Name"
  ExprPtr Type;
};

/// A parsed file: its top-level statements. Definitions stay in Body, in
/// file order; Sema indexes them.
struct Program {
  uint32_t FileId = 0;
  std::unique_ptr<Block> Body;
  /// For EPP templates: the template's parameter list, if it declared one.
  bool HasEppParams = false;
  std::vector<Parameter> EppParams;
};

/// Helper for nodes that are definitions.
inline bool isDefinition(const Expr *E) {
  return E->getKind() >= Kind::FirstDefinition &&
         E->getKind() <= Kind::LastDefinition;
}

const char *getKindName(Kind K);
/// How an operator is written: "+", "==", "=~", "in", "and", ...
const char *getBinaryOpSpelling(BinaryOp Op);

} // namespace ast
} // namespace cppet

#endif
