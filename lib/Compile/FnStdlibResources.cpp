//===- FnStdlibResources.cpp - stdlib's catalog-facing functions ----------===//
//
// ensure_packages, ensure_resource(s), defined_with_params, getparam,
// getvar (core), assert_private, deprecation, fqdn_rotate,
// fqdn_rand_string, seeded_rand, os_version_gte, validate_cmd.
//
//===----------------------------------------------------------------------===//
#include "FnStdlibSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"

using namespace cppet;
using namespace cppet::fn;
using namespace cppet::stdlibfn;

namespace {

/// Splits "Type[title]" as Puppet::Resource.type_and_title does.
std::optional<std::pair<std::string, std::string>>
splitReference(llvm::StringRef Ref) {
  const size_t Open = Ref.find('[');
  if (Open == llvm::StringRef::npos || !Ref.endswith("]") || Open == 0)
    return std::nullopt;
  llvm::StringRef Title = Ref.slice(Open + 1, Ref.size() - 1);
  if (Title.size() >= 2 && (Title.front() == '\'' || Title.front() == '"') &&
      Title.back() == Title.front())
    Title = Title.drop_front().drop_back();
  return std::make_pair(Ref.take_front(Open).lower(), Title.str());
}

/// The type and title a resource reference names (String or Resource type).
std::optional<std::pair<std::string, std::string>>
referenceOf(FunctionContext &Ctx, const Value &Ref) {
  if (Ref.isString())
    return splitReference(Ref.asString());
  if (Ref.isType()) {
    const TypeData &D = Ref.asType().data();
    if (D.Kind == TypeKind::Resource)
      return std::make_pair(llvm::StringRef(D.Name).lower(),
                            D.HasTitle ? D.Title : std::string());
    if (D.Kind == TypeKind::Class)
      return std::make_pair(std::string("class"), D.Name);
  }
  fail(Ctx, "Reference is not understood: '" + rubyClass(Ref) + "'");
}

bool definedWithParams(FunctionContext &Ctx, const Value &Ref,
                       const Value &ParamsArg) {
  const auto TT = referenceOf(Ctx, Ref);
  if (!TT || TT->second.empty())
    return false;
  std::optional<HashData> Existing =
      Ctx.resourceParameters(TT->first, TT->second);
  if (!Existing) {
    if (!Ctx.resourceExists(TT->first, TT->second))
      return false;
    Existing = HashData();
  }
  if (!ParamsArg.isHash())
    return true;
  for (const auto &[K, V] : ParamsArg.asHash()) {
    const Value *Have = Existing->find(K);
    const bool HaveUndef = !Have || Have->isUndef();
    if (HaveUndef && V.isUndef())
      continue;
    if (HaveUndef || !rubyEquals(*Have, V))
      return false;
  }
  return true;
}

Value definedWithParamsFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty() || (Args[0].isString() && Args[0].asString().empty()))
    fail(Ctx, "Must specify a reference");
  return Value(
      definedWithParams(Ctx, Args[0], Args.size() > 1 ? Args[1] : Value()));
}

void ensureResource(FunctionContext &Ctx, const std::string &Type,
                    const Value &Title, const Value &Params) {
  std::vector<Value> Items;
  std::function<void(const Value &)> Flatten = [&](const Value &V) {
    if (V.isArray())
      for (const Value &E : V.asArray())
        Flatten(E);
    else
      Items.push_back(V);
  };
  Flatten(Title);
  const HashData Empty;
  const HashData &P = Params.isHash() ? Params.asHash() : Empty;
  for (const Value &Item : Items) {
    const std::string Name = Item.toRubyString();
    if (definedWithParams(
            Ctx, Value((llvm::Twine(Type) + "[" + Name + "]").str()), Value(P)))
      continue;
    Ctx.declareResource(llvm::StringRef(Type).lower(), Name, P,
                        Item.isString());
  }
}

Value ensureResourceFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty() || (Args[0].isString() && Args[0].asString().empty()))
    fail(Ctx, "Must specify a type");
  if (Args.size() < 2 || (Args[1].isString() && Args[1].asString().empty()))
    fail(Ctx, "Must specify a title");
  ensureResource(Ctx, Args[0].toRubyString(), Args[1],
                 Args.size() > 2 ? Args[2] : Value());
  return Value();
}

void ensureResources(FunctionContext &Ctx, const std::string &Type,
                     const HashData &Titles, const Value &Params) {
  for (const auto &[Title, Own] : Titles) {
    HashData Merged = Params.isHash() ? Params.asHash() : HashData();
    if (Own.isHash())
      for (const auto &[K, V] : Own.asHash())
        Merged.set(K, V);
    ensureResource(Ctx, Type, Title, Value(std::move(Merged)));
  }
}

Value ensureResourcesFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty() || (Args[0].isString() && Args[0].asString().empty()))
    fail(Ctx, "Must specify a type");
  if (Args.size() < 2 || (Args[1].isString() && Args[1].asString().empty()))
    fail(Ctx, "Must specify a title");
  if (!Args[1].isHash())
    fail(Ctx, "ensure_resources(): Requires second argument to be a Hash");
  ensureResources(Ctx, Args[0].toRubyString(), Args[1].asHash(),
                  Args.size() > 2 ? Args[2] : Value());
  return Value();
}

bool isNonEmptyString(const Value &V) {
  return V.isString() && !V.asString().empty();
}

Value ensurePackagesFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 2);
  const Value &Packages = Args[0];
  bool Ok = isNonEmptyString(Packages) ||
            (Packages.isArray() &&
             llvm::all_of(Packages.asArray(), isNonEmptyString)) ||
            (Packages.isHash() &&
             llvm::all_of(Packages.asHash(), [](const HashData::Entry &E) {
               return isNonEmptyString(E.first);
             }));
  if (!Ok)
    argTypeError(Ctx, "packages", {"String", "Array", "Hash"}, Packages);
  HashData Defaults;
  Defaults.set(Value("ensure"), Value("installed"));
  if (Args.size() > 1 && !Args[1].isUndef()) {
    if (!Args[1].isHash())
      argTypeError(Ctx, "default_attributes", {"Hash"}, Args[1]);
    for (const auto &[K, V] : Args[1].asHash())
      Defaults.set(K, V);
    const Value *E = Defaults.find("ensure");
    if (E && E->isString() && E->asString() == "present")
      Defaults.set(Value("ensure"), Value("installed"));
  }
  if (Packages.isHash()) {
    ensureResources(Ctx, "package", Packages.asHash(), Value(Defaults));
    return Value();
  }
  const Value DefaultsValue(Defaults);
  if (Packages.isArray()) {
    for (const Value &P : Packages.asArray())
      ensureResource(Ctx, "package", P, DefaultsValue);
  } else {
    ensureResource(Ctx, "package", Packages, DefaultsValue);
  }
  return Value();
}

/// getparam(Resource reference, param): the parameter's value or ''.
Value getparamFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty() || (Args[0].isString() && Args[0].asString().empty()))
    fail(Ctx, "Must specify a reference");
  if (Args.size() < 2 || !Args[1].isString())
    fail(Ctx, "Must specify name of a parameter");
  if (Args[1].asString().empty())
    return Value("");
  const auto TT = referenceOf(Ctx, Args[0]);
  if (!TT)
    return Value("");
  const std::optional<HashData> Params =
      Ctx.resourceParameters(TT->first, TT->second);
  if (!Params)
    return Value("");
  const Value *V = Params->find(Args[1].asString());
  return V && !V->isUndef() ? *V : Value("");
}

/// Puppet 7 core getvar('name.dig.path', default).
Value getvarFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 2);
  if (!Args[0].isString())
    argTypeError(Ctx, "get_string", {"String"}, Args[0]);
  llvm::StringRef Nav = Args[0].asString();
  Value Default = Args.size() > 1 ? Args[1] : Value();
  const size_t Dot = Nav.find('.');
  const llvm::StringRef Var = Nav.take_front(Dot);
  std::optional<Value> V = Ctx.variable(Var);
  if (!V)
    return Default;
  if (Dot == llvm::StringRef::npos)
    return V->isUndef() ? Default : *V;
  return Ctx.callFunction("get", {*V, Value(Nav.drop_front(Dot + 1)), Default});
}

/// assert_private: fails when the caller's module differs from the
/// module defining the current class or define.
Value assertPrivateFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() > 1)
    fail(Ctx, "assert_private(): Wrong number of arguments given (" +
                  std::to_string(Args.size()) + "}) for 0 or 1)");
  const std::optional<Value> Module = Ctx.variable("module_name");
  const std::optional<Value> Caller = Ctx.variable("caller_module_name");
  const std::string M = Module ? Module->toRubyString() : "";
  const std::string C = Caller ? Caller->toRubyString() : "";
  if (M == C)
    return Value();
  if (!Args.empty() && Args[0].isString() && !Args[0].asString().empty())
    fail(Ctx, Args[0].asString());
  fail(Ctx, "Class " + M + " is private");
}

/// deprecation(key, message): warns (once per key in Puppet).
Value deprecationFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 2, 2);
  Ctx.log("warning", Args[1].toString());
  return Value();
}

bool looksInteger(const Value &V) {
  if (V.isInteger())
    return true;
  if (!V.isString())
    return false;
  llvm::StringRef S = V.asString();
  // ^-?(?:(?:[1-9]\d*)|0)$ on the first line (Ruby's ^ and $).
  S = S.take_until([](char C) { return C == '\n'; });
  if (S.startswith("-"))
    S = S.drop_front();
  if (S == "0")
    return true;
  return !S.empty() && S[0] != '0' && llvm::all_of(S, llvm::isDigit);
}

Value fqdnRandStringFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "fqdn_rand_string(): wrong number of arguments (0 for 1)");
  if (!looksInteger(Args[0]) || rubyToI(Args[0]) <= 0)
    fail(Ctx, "fqdn_rand_string(): first argument must be a positive integer");
  if (Args.size() > 1 && !Args[1].isString() && !Args[1].isUndef())
    fail(Ctx, "fqdn_rand_string(): second argument must be undef or a string");
  const int64_t Length = rubyToI(Args[0]);
  std::vector<std::string> Charset = Args.size() > 1
                                         ? utf8Chars(Args[1].toRubyString())
                                         : std::vector<std::string>();
  if (Charset.empty()) {
    for (char C = '0'; C <= '9'; ++C)
      Charset.emplace_back(1, C);
    for (char C = 'A'; C <= 'Z'; ++C)
      Charset.emplace_back(1, C);
    for (char C = 'a'; C <= 'z'; ++C)
      Charset.emplace_back(1, C);
  }
  std::string Prefix;
  for (size_t I = 2; I < Args.size(); ++I)
    Prefix += Args[I].toRubyString() + ":";
  std::string Out;
  for (int64_t I = 1; I <= Length; ++I) {
    const Value R = Ctx.callFunction(
        "fqdn_rand", {Value(static_cast<int64_t>(Charset.size())),
                      Value(Prefix + std::to_string(I))});
    const int64_t Idx = rubyToI(R);
    if (Idx >= 0 && Idx < static_cast<int64_t>(Charset.size()))
      Out += Charset[Idx];
  }
  return Value(Out);
}

Value seededRandFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 2)
    fail(Ctx, "seeded_rand(): Wrong number of arguments given (" +
                  std::to_string(Args.size()) + " for 2)");
  if (!looksInteger(Args[0]) || rubyToI(Args[0]) <= 0)
    fail(Ctx, "seeded_rand(): first argument must be a positive integer");
  if (!Args[1].isString())
    fail(Ctx, "seeded_rand(): second argument must be a string");
  return Value(deterministicRand(md5Hex(Args[1].asString()), rubyToI(Args[0])));
}

/// Ruby's Array#join(':') of [fqdn, args]: nested arrays joined too.
void rubyJoin(const Value &V, std::string &Out, bool &First) {
  if (V.isArray()) {
    if (V.asArray().empty() && !First)
      Out += ":";
    for (const Value &E : V.asArray())
      rubyJoin(E, Out, First);
    return;
  }
  if (!First)
    Out += ":";
  First = false;
  Out += V.toRubyString();
}

Value fqdnRotateFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "fqdn_rotate(): Wrong number of arguments given (0 for 1)");
  const Value &V = Args[0];
  if (!V.isArray() && !V.isString())
    fail(Ctx, "fqdn_rotate(): Requires either array or string to work with");
  std::vector<Value> Elems;
  if (V.isArray())
    Elems = V.asArray();
  else
    for (std::string &C : utf8Chars(V.asString()))
      Elems.emplace_back(std::move(C));
  if (Elems.size() <= 1)
    return V;
  std::optional<Value> Fqdn = Ctx.variable("::fqdn");
  Array Parts{Fqdn ? *Fqdn : Value(),
              Value(Array(Args.begin() + 1, Args.end()))};
  std::string Seed;
  bool First = true;
  rubyJoin(Value(Parts), Seed, First);
  const int64_t Offset =
      deterministicRand(md5Hex(Seed), static_cast<int64_t>(Elems.size()));
  std::rotate(Elems.begin(), Elems.begin() + Offset, Elems.end());
  if (V.isArray())
    return Value(Array(std::move(Elems)));
  std::string Out;
  for (const Value &E : Elems)
    Out += E.asString();
  return Value(Out);
}

Value osVersionGteFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 2, 2);
  for (size_t I = 0; I < 2; ++I)
    if (!isNonEmptyString(Args[I]))
      argTypeError(Ctx, I == 0 ? "os" : "version", {"String"}, Args[I]);
  const Value OS = Ctx.fact("operatingsystem");
  const Value Major = Ctx.fact("operatingsystemmajrelease");
  return Value(OS.isString() && OS.asString() == Args[0].asString() &&
               versionCompare(Major.toRubyString(), Args[1].asString()) >= 0);
}

/// validate_cmd cannot run commands at compile time here: accept.
Value validateCmdFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() < 2 || Args.size() > 3)
    fail(Ctx, "validate_cmd(): wrong number of arguments (" +
                  std::to_string(Args.size()) + "; must be 2 or 3)");
  Ctx.log("warning", "validate_cmd(): command not run by cppet");
  return Value();
}

} // namespace

void stdlibfn::registerStdlibResourceFunctions(FunctionRegistry &R) {
  R.add("getvar", getvarFn);
  add4(R, "ensure_packages", ensurePackagesFn);
  add3(R, "ensure_resource", ensureResourceFn);
  add3(R, "ensure_resources", ensureResourcesFn);
  add3(R, "defined_with_params", definedWithParamsFn);
  add3(R, "getparam", getparamFn);
  add3(R, "assert_private", assertPrivateFn);
  add4(R, "deprecation", deprecationFn);
  add3(R, "fqdn_rand_string", fqdnRandStringFn);
  add3(R, "seeded_rand", seededRandFn);
  add3(R, "fqdn_rotate", fqdnRotateFn);
  add4(R, "os_version_gte", osVersionGteFn);
  add3(R, "validate_cmd", validateCmdFn);
}
