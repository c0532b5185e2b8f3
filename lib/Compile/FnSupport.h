//===- FnSupport.h - Shared helpers for the built-in functions --*- C++ -*-===//
//
// Private to lib/Compile's function library: argument checking with
// Puppet's wording, iteration over Puppet iterables, lambda argument
// spreading and Ruby-style comparison.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_LIB_COMPILE_FNSUPPORT_H
#define CPPET_LIB_COMPILE_FNSUPPORT_H

#include "cppet/Compile/Functions.h"
#include "cppet/Compile/Regex.h"
#include "cppet/Compile/Types.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cppet {
namespace fn {

/// Ctx.error, known not to return (GCC ignores [[noreturn]] on virtual
/// calls).
[[noreturn]] void fail(FunctionContext &Ctx, const std::string &Message);

/// The type name Puppet shows after "got" in argument mismatches.
std::string describeValueType(const Value &V);

/// Puppet's DeferredResolver.resolve: V with every Deferred in it (also
/// inside arrays, hashes and Sensitive) replaced by its function's result,
/// arguments first; a name `$var` digs into top-scope variable var.
Value resolveDeferred(FunctionContext &Ctx, const Value &V);

/// Base64 as Ruby's pack('m0') (strict, padded, one line).
std::string base64Encode(llvm::StringRef In);
/// Ruby's unpack('m'): characters outside the alphabet are skipped, the
/// first '=' ends the data.
std::string base64DecodeLenient(llvm::StringRef In);
/// Ruby's unpack('m0'): nullopt where Ruby raises "invalid base64".
std::optional<std::string> base64DecodeStrict(llvm::StringRef In);

/// "'name' expects N arguments, got M" unless Min <= count <= Max.
void checkArgCount(FunctionContext &Ctx, llvm::ArrayRef<Value> Args, size_t Min,
                   size_t Max);

/// "'name' parameter 'Param' expects a(n) Expected value, got T" (one
/// expected type) or "... expects a value of type A, B, or C, got T".
[[noreturn]] void argTypeError(FunctionContext &Ctx, llvm::StringRef Param,
                               llvm::ArrayRef<llvm::StringRef> Expected,
                               const Value &Got);

/// "'name' expects a block" unless a lambda was given.
void requireBlock(FunctionContext &Ctx);

/// One element of an iteration: the index (arrays) or key (hashes), and the
/// value. IsHash tells how the lambda receives it.
struct IterElement {
  Value Key;
  Value Val;
};

struct Iteration {
  std::vector<IterElement> Elements;
  bool IsHash = false;
};

/// The elements of an Iterable value (Array, Hash, String characters,
/// Integer n -> 0..n-1, Type[Integer[a, b]], Type[Enum[...]]); reports a
/// type error for parameter Param otherwise.
Iteration iterate(FunctionContext &Ctx, const Value &V, llvm::StringRef Param);

/// The value an element stands for when seen as a single value: the value
/// for arrays, [key, value] for hashes.
Value elementValue(const Iteration &It, const IterElement &E);

/// Calls the lambda for one element: (value) or (index, value) for arrays,
/// ([key, value]) or (key, value) for hashes.
Value callForElement(FunctionContext &Ctx, const Iteration &It,
                     const IterElement &E);

/// Ruby's <=> on Puppet values (case-sensitive strings, numbers across
/// Integer/Float, arrays element-wise); nullopt when not comparable.
std::optional<int> rubyCompare(const Value &A, const Value &B);

/// Compiles a pattern given as String, Regexp or Type[Regexp]/Type[Pattern]
/// with optional Ruby option letters ("i", "m", "x").
std::shared_ptr<const Regex> compilePattern(FunctionContext &Ctx,
                                            const Value &Pattern,
                                            llvm::StringRef Options = "");

/// Splits a UTF-8 string into its characters.
std::vector<std::string> utf8Chars(llvm::StringRef S);

/// Ruby's `Random.new(seed).rand(max)` with the seed given as a hex big
/// integer (MT19937 seeded by init_by_array, Ruby's limited_rand): what
/// fqdn_rand, seeded_rand and fqdn_rotate draw from.
int64_t rubySeededRand(llvm::StringRef SeedHex, int64_t Max);

/// Ruby's Random (MT19937 as random.c), seeded as Random.new(seed) with a
/// big integer given in hex: fqdn_rand's and seeded_rand_string's sequence.
class RubyRandom {
public:
  explicit RubyRandom(llvm::StringRef SeedHex);
  ~RubyRandom();
  RubyRandom(const RubyRandom &) = delete;
  RubyRandom &operator=(const RubyRandom &) = delete;
  /// rand(Limit + 1): a uniform integer in [0, Limit] (limited_rand).
  uint64_t upTo(uint64_t Limit);

  class MersenneTwister;

private:
  std::unique_ptr<MersenneTwister> MT;
};

/// Ruby's to_i on a value: numbers truncate, strings take their leading
/// integer prefix, anything else 0.
int64_t rubyToI(const Value &V);

} // namespace fn
} // namespace cppet

#endif
