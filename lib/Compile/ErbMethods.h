//===- ErbMethods.h - The ERB evaluator's internals -------------*- C++ -*-===//
//
// Private to ErbEval.cpp and ErbMethods.cpp (Ruby's core methods on
// strings, numbers, arrays, hashes, ... and the `scope` object).
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_LIB_COMPILE_ERBMETHODS_H
#define CPPET_LIB_COMPILE_ERBMETHODS_H

#include "Erb.h"

#include <map>
#include <optional>

namespace cppet {
namespace erb {

/// A Ruby exception raised by template code (NoMethodError, TypeError...).
struct RubyError {
  std::string Message;
};
struct NextSignal {
  RVal V;
};
struct BreakSignal {
  RVal V;
};
struct ReturnSignal {
  RVal V;
};

[[noreturn]] void raise(const std::string &Message);
[[noreturn]] void noMethod(const std::string &Name, const RVal &Recv);
RVal newRegexp(const std::string &Src, unsigned Flags);

/// Local variables: a block's scope sees its parent's.
struct Env {
  explicit Env(Env *Parent) : Parent(Parent) {}
  std::map<std::string, RVal> Vars;
  Env *Parent;
  RVal *find(const std::string &Name);
  /// Assigns an existing variable in the chain, else defines it here.
  void set(const std::string &Name, RVal V);
};

/// The block given to a method call (or &:sym).
struct Blk {
  const Node *Body = nullptr;
  const BlockParams *Params = nullptr;
  Env *Scope = nullptr;
  std::string SymName;
  bool given() const { return Body || !SymName.empty(); }
};

class Interp {
public:
  Interp(FunctionContext &Ctx, std::string &Out);
  RVal eval(const Node &N, Env &E);
  unsigned CurLine = 0;

  RVal callMethod(const RVal &Recv, const std::string &Name,
                  std::vector<RVal> Args, const Blk &B, const Node *Site);
  RVal yield(const Blk &B, std::vector<RVal> Args);

private:
  FunctionContext &Ctx;
  std::string &Out;
  std::map<std::string, RVal> Ivars;
  /// The Puppet values behind the collections fetched as @vars, with the
  /// Ruby objects made of them: Ruby templates mutate the very objects the
  /// catalog holds, so mutations are written back (writeBack).
  std::map<std::string, std::pair<Value, RVal>> IvarOrigins;

public:
  void writeBack();

private:
  std::map<std::string, const Node *> Methods; // `def`s of the template
  RVal LastMatch;
  uint64_t Steps = 0;
  unsigned Depth = 0;

  void step();
  RVal ivar(const std::string &Name);
  RVal lookupVar(const std::string &Name);
  RVal callPuppetFunction(const std::string &Name,
                          const std::vector<RVal> &Args);
  void bindParams(Env &E, const std::vector<BlockParams::Param> &Params,
                  const std::vector<RVal> &Args);
  void assign(const Node &Target, RVal V, Env &E);
  RVal evalSeq(const Node &N, Env &E);
  RVal evalCall(const Node &N, Env &E);
  RVal callSelf(const std::string &Name, std::vector<RVal> Args, const Blk &B,
                const Node &N);
  RVal convertNumber(const RVal &V, bool ToFloat);
  bool caseEq(const RVal &Pattern, const RVal &V);
  bool isA(const RVal &V, const std::string &Class);
  RVal regexMatch(const RVal &Re, const std::string &S, size_t Start = 0);
  std::vector<RVal> toArray(const RVal &V, bool Kernel = false);
  std::vector<RVal> enumItems(const RVal &V);

  // ErbMethods.cpp
  std::optional<RVal> objectMethod(const RVal &Recv, const std::string &Name,
                                   std::vector<RVal> &Args, const Blk &B);
  RVal scopeMethod(const std::string &Name, std::vector<RVal> &Args);
  RVal constMethod(const RVal &Recv, const std::string &Name,
                   std::vector<RVal> &Args, const Blk &B);
  RVal stringMethod(const RVal &Recv, const std::string &Name,
                    std::vector<RVal> &Args, const Blk &B);
  RVal numberMethod(const RVal &Recv, const std::string &Name,
                    std::vector<RVal> &Args, const Blk &B);
  RVal arrayMethod(const RVal &Recv, const std::string &Name,
                   std::vector<RVal> &Args, const Blk &B);
  RVal hashMethod(const RVal &Recv, const std::string &Name,
                  std::vector<RVal> &Args, const Blk &B);
  std::optional<RVal> enumMethod(const RVal &Recv,
                                 const std::vector<RVal> &Items,
                                 const std::string &Name,
                                 std::vector<RVal> &Args, const Blk &B);
  RVal matchMethod(const RVal &Recv, const std::string &Name,
                   std::vector<RVal> &Args);
  RVal regexpMethod(const RVal &Recv, const std::string &Name,
                    std::vector<RVal> &Args);
  RVal sortValues(std::vector<RVal> Items, const Blk &B);
  RVal sortBy(const std::vector<RVal> &Items, const Blk &B);
  std::string gsub(const RVal &Recv, std::vector<RVal> &Args, const Blk &B,
                   bool Global);
  RVal split(const std::string &S, std::vector<RVal> &Args);
  int compareOrFail(const RVal &A, const RVal &B);
  std::string joinArray(const RArray &A, const std::string &Sep, int Depth);
};

} // namespace erb
} // namespace cppet

#endif
