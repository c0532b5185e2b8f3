//===- Erb.h - ERB templates: a Ruby subset for Puppet templates -*- C++
//-*-===//
//
// Private to lib/Compile. An ERB template (Puppet's trim mode '-') is parsed
// once into a small AST (ErbParse.cpp) and evaluated against a
// FunctionContext (ErbEval.cpp) with Ruby values (ErbValue.cpp) that map to
// and from cppet::Value at the template's edges (@vars, scope, functions).
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_LIB_COMPILE_ERB_H
#define CPPET_LIB_COMPILE_ERB_H

#include "cppet/Compile/Functions.h"
#include "cppet/Compile/Regex.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cppet {
namespace erb {

//===----------------------------------------------------------------------===//
// Ruby values
//===----------------------------------------------------------------------===//

struct RVal;
using RArray = std::vector<RVal>;
struct RHash;
struct Node;

/// A Ruby value. Arrays and hashes are shared and mutable, as in Ruby.
struct RVal {
  enum Kind : uint8_t {
    Nil,
    True,
    False,
    Int,
    Float,
    Str,
    Sym,
    Arr,
    Hash,
    Regexp,
    Range,
    Match,  // MatchData: A holds the groups (nil for non-participating)
    Const,  // a class / module constant: S is its name
    Scope,  // the template's `scope`
    Proc,   // a block passed as &:sym (S) or a lambda body
    Puppet, // a Puppet value with no Ruby counterpart (types, default...)
  };
  Kind K = Nil;
  bool Excl = false; // Range: `...`
  int64_t I = 0;     // Int, Range low
  int64_t Hi = 0;    // Range high
  double D = 0;
  std::string S;      // Str, Sym, Const, Regexp source
  unsigned Flags = 0; // Regexp flags: 1 i, 2 x, 4 m
  std::shared_ptr<RArray> A;
  std::shared_ptr<RHash> H;
  std::shared_ptr<const Regex> Re;
  std::shared_ptr<Value> PV;

  static RVal nil() { return RVal(); }
  static RVal boolean(bool B) {
    RVal V;
    V.K = B ? True : False;
    return V;
  }
  static RVal integer(int64_t N) {
    RVal V;
    V.K = Int;
    V.I = N;
    return V;
  }
  static RVal flt(double F) {
    RVal V;
    V.K = Float;
    V.D = F;
    return V;
  }
  static RVal str(std::string T) {
    RVal V;
    V.K = Str;
    V.S = std::move(T);
    return V;
  }
  static RVal sym(std::string T) {
    RVal V;
    V.K = Sym;
    V.S = std::move(T);
    return V;
  }
  static RVal array(RArray Elems = {});
  static RVal hash();
  bool truthy() const { return K != Nil && K != False; }
  bool isStr() const { return K == Str; }
};

struct RHash {
  std::vector<std::pair<RVal, RVal>> E;
  RVal *find(const RVal &Key);
  void set(const RVal &Key, RVal V);
  bool erase(const RVal &Key, RVal *Old = nullptr);
};

/// Ruby's eql?-style hash key equality and ==.
bool rubyEqual(const RVal &A, const RVal &B);
bool rubyKeyEqual(const RVal &A, const RVal &B);
/// <=>: nullopt when not comparable.
std::optional<int> rubyCompare(const RVal &A, const RVal &B);
std::string rubyToS(const RVal &V);
std::string rubyInspect(const RVal &V);
std::string rubyStrInspect(llvm::StringRef S);
/// The class name (`NilClass`, `String`, `Hash`...).
std::string rubyClassName(const RVal &V);
/// "nil:NilClass", "\"x\":String" as NoMethodError shows the receiver.
std::string rubyDescribe(const RVal &V);
RVal fromPuppet(const Value &V);
Value toPuppet(const RVal &V);
/// Regexp source with Ruby's (?flags-flags:...) wrapper, as to_s shows it.
std::string regexpToS(const RVal &V);

//===----------------------------------------------------------------------===//
// AST
//===----------------------------------------------------------------------===//

enum class NodeKind : uint8_t {
  Seq,
  Text,
  Output,
  Nil,
  True,
  False,
  Self,
  Int,
  Float,
  Str,
  DStr,
  Sym,
  DSym,
  Regex,
  ArrayLit,
  HashLit,
  RangeLit,
  Splat,
  Ivar,
  Gvar,
  Lvar,
  Const,
  ScopedConst,
  Call,        // Kids[0] receiver (or null), Kids[1..] args; Block; Name
  BlockPass,   // &:sym / &blk argument
  Assign,      // Kids[0] target, Kids[1] value
  OpAssign,    // Name is the operator ("||", "&&", "+", ...)
  MultiAssign, // Kids[0..n-1] targets, last kid value
  And,
  Or,
  Not,
  Defined,
  If,    // cond, then, else (either may be null)
  While, // cond, body; Flag: until
  Case,  // subject (or null), then When nodes, then else (Flag)
  When,  // values..., body last
  For,   // var target, iterable, body
  Next,
  Break,
  Return,
  Begin, // body, rescue body (or null), ensure (or null)
  Def,   // Name, Params, Block (the body)
};

struct BlockParams {
  // A parameter: a name, or nested destructuring (Names of a sub list).
  struct Param {
    std::string Name;
    std::vector<Param> Sub;
    bool Splat = false;
    std::shared_ptr<Node> Default; // `def f(x = 1)`
  };
  std::vector<Param> Params;
};

struct Node {
  NodeKind Kind;
  unsigned Line = 0;
  std::string Name; // identifiers, strings, operators
  int64_t I = 0;
  double D = 0;
  bool Flag = false;  // While: until; Case: has else; Range: exclusive
  unsigned Flags = 0; // Regex flags
  std::vector<std::unique_ptr<Node>> Kids;
  // Blocks attached to calls.
  std::unique_ptr<BlockParams> Params;
  std::unique_ptr<Node> Block;
  bool HasParens = false;          // a call written with ()
  std::shared_ptr<const Regex> Re; // a literal regexp without interpolation
  Node(NodeKind K, unsigned L) : Kind(K), Line(L) {}
};

struct Template {
  std::unique_ptr<Node> Root;
};

/// Where a parse or evaluation failed.
struct ErbFailure {
  std::string Message;
  unsigned Line = 0;
};

/// A regexp source with Ruby flags (1 i, 2 x, 4 m) applied inline.
std::string wrapRegexFlags(const std::string &Src, unsigned Flags);

/// Parses Source (the whole template text).
std::shared_ptr<const Template> parseTemplate(llvm::StringRef Source,
                                              ErbFailure &Failure);

/// Renders T into Out; false with Failure set on a Ruby-level error.
/// Errors raised through Ctx (function calls) propagate as Ctx does.
bool renderTemplate(const Template &T, FunctionContext &Ctx,
                    llvm::StringRef File, std::string &Out,
                    ErbFailure &Failure);

} // namespace erb
} // namespace cppet

#endif
