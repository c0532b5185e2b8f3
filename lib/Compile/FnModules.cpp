//===- FnModules.cpp - Module (stdlib, ...) functions ---------------------===//
//
// Ruby functions shipped by common Forge modules, reimplemented. They are
// registered with addModuleFunction: the compiler uses one only when a module
// on the modulepath ships it. stdlib's functions live in FnStdlib*.cpp; this
// file holds the shared helpers and the smaller modules' functions.
//
//===----------------------------------------------------------------------===//
#include "FnStdlibSupport.h"

#include "llvm/ADT/StringExtras.h"

#include <openssl/evp.h>

#include <array>

using namespace cppet;
using namespace cppet::fn;
using namespace cppet::stdlibfn;

std::string stdlibfn::rubyClass(const Value &V) {
  return types::rubyClassName(V);
}

bool stdlibfn::rubyEquals(const Value &A, const Value &B) {
  if (A.isNumber() && B.isNumber())
    return A.asNumber() == B.asNumber();
  if (A.isArray() && B.isArray()) {
    const Array &X = A.asArray(), &Y = B.asArray();
    if (X.size() != Y.size())
      return false;
    for (size_t I = 0; I < X.size(); ++I)
      if (!rubyEquals(X[I], Y[I]))
        return false;
    return true;
  }
  if (A.isHash() && B.isHash()) {
    if (A.asHash().size() != B.asHash().size())
      return false;
    for (const auto &[K, V] : A.asHash()) {
      const Value *O = B.asHash().find(K);
      if (!O || !rubyEquals(V, *O))
        return false;
    }
    return true;
  }
  return A.strictEquals(B);
}

void stdlibfn::add3(FunctionRegistry &R, const std::string &Name,
                    BuiltinFunction Fn) {
  R.addModuleFunction(Name, [Fn = std::move(Fn)](FunctionContext &Ctx,
                                                 llvm::ArrayRef<Value> Args) {
    std::vector<Value> Converted(Args.begin(), Args.end());
    for (Value &V : Converted)
      if (V.isUndef())
        V = Value("");
    return Fn(Ctx, Converted);
  });
}

void stdlibfn::add4(FunctionRegistry &R, const std::string &Name,
                    BuiltinFunction Fn) {
  R.addModuleFunction(Name, std::move(Fn));
}

std::string stdlibfn::md5Hex(llvm::StringRef Data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> Digest{};
  unsigned Len = 0;
  EVP_Digest(Data.data(), Data.size(), Digest.data(), &Len, EVP_md5(), nullptr);
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Digest.data(), Len), true);
}

int64_t stdlibfn::deterministicRand(llvm::StringRef SeedHex, int64_t Max) {
  return fn::rubySeededRand(SeedHex, Max);
}

// --- Other modules' functions -------------------------------------------

namespace {

/// translate (puppetlabs-translate): translate(string, interpolations)
/// returns the string with %{key} replaced (no catalogs are localized).
Value translateFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 2);
  std::string S = Args[0].toString();
  if (Args.size() < 2 || !Args[1].isHash())
    return Value(S);
  for (const auto &[K, V] : Args[1].asHash()) {
    const std::string Key = "%{" + K.toString() + "}";
    for (size_t P = S.find(Key); P != std::string::npos;
         P = S.find(Key, P + 1)) {
      const std::string Rep = V.toRubyString();
      S.replace(P, Key.size(), Rep);
      P += Rep.size() - 1;
    }
  }
  return Value(S);
}

/// redis' getvar_emptystring: the variable, or '' when undefined.
Value getvarEmptyStringFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  std::optional<Value> V = Ctx.variable(Args[0].toString());
  if (!V || V->isUndef())
    return Value("");
  return *V;
}

/// saz-ssh's ipaddresses(): the IPv4/IPv6 addresses of every interface in
/// the legacy `interfaces` fact whose name does not contain "lo".
Value ipaddressesFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  std::optional<Value> Ifaces = Ctx.variable("interfaces");
  if (!Ifaces || Ifaces->isUndef())
    return Value(false);
  llvm::SmallVector<llvm::StringRef, 8> Names;
  const std::string List = Ifaces->toString();
  llvm::StringRef(List).split(Names, ',');
  Array Out;
  for (llvm::StringRef Name : Names) {
    if (Name.contains("lo"))
      continue;
    for (const char *Prefix : {"ipaddress_", "ipaddress6_"}) {
      std::optional<Value> Addr = Ctx.variable(Prefix + Name.str());
      if (Addr && Addr->isTruthy())
        Out.push_back(*Addr);
    }
  }
  return Value(std::move(Out));
}

/// saz-memcached's memcached::max_memory(arg): megabytes for memcached,
/// either arg itself or a percentage (default 95%) of the memorysize fact.
Value memcachedMaxMemoryFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  const Value &Arg = Args[0];
  const std::string ArgText = Arg.isUndef() ? "" : Arg.toRubyString();
  if (Arg.isTruthy() && !llvm::StringRef(ArgText).endswith("%"))
    return Value(fn::rubyToI(Value(ArgText)));
  const std::string Percent = Arg.isTruthy() ? ArgText : "95%";
  Value Facts = Ctx.fact("memorysize");
  std::string Mem = Facts.isUndef() ? "" : Facts.toString();
  llvm::StringRef M(Mem);
  size_t NumLen = 0;
  while (NumLen < M.size() && (llvm::isDigit(M[NumLen]) ||
                               llvm::StringRef(".e+-").contains(M[NumLen])))
    ++NumLen;
  double Num = 0;
  M.take_front(NumLen).getAsDouble(Num);
  llvm::StringRef Rest = M.drop_front(NumLen).ltrim();
  char Prefix = Rest.empty() || Rest[0] == 'b' || Rest[0] == 'B' ? 0 : Rest[0];
  switch (Prefix) {
  case 0:
    break;
  case 'k':
    Num *= double(1ULL << 10);
    break;
  case 'M':
    Num *= double(1ULL << 20);
    break;
  case 'G':
    Num *= double(1ULL << 30);
    break;
  case 'T':
    Num *= double(1ULL << 40);
    break;
  case 'E':
    Num *= double(1ULL << 50);
    break;
  default:
    Ctx.error(std::string("memcached_max_memory(): Unknown prefix ") + Prefix);
  }
  const int64_t Bytes = static_cast<int64_t>(Num);
  double Pct = 0;
  llvm::StringRef(Percent)
      .take_while([](char C) { return llvm::isDigit(C) || C == '.'; })
      .getAsDouble(Pct);
  // Whole mebibytes, as the Ruby code's integer division gives them.
  const int64_t Mebibytes = Bytes / (1 << 20);
  return Value(static_cast<int64_t>(
      std::floor(static_cast<double>(Mebibytes) * (Pct / 100.0))));
}

/// stdlib's fact('a.b."c.d".0'): digs into $facts; nil when a step fails.
Value factFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  const std::string Name = Args[0].toString();
  std::vector<std::string> Path;
  for (size_t I = 0; I < Name.size();) {
    if (Name[I] == '.') {
      ++I;
      continue;
    }
    size_t End;
    if (Name[I] == '"') {
      End = Name.find('"', I + 1);
      if (End == std::string::npos)
        End = Name.size();
      Path.push_back(Name.substr(I + 1, End - I - 1));
      I = End + 1;
      continue;
    }
    End = Name.find_first_of(".\"", I);
    if (End == std::string::npos)
      End = Name.size();
    Path.push_back(Name.substr(I, End - I));
    I = End;
  }
  std::optional<Value> Facts = Ctx.variable("facts");
  Value Cur = Facts ? *Facts : Value();
  for (const std::string &K : Path) {
    if (Cur.isHash()) {
      const Value *Next = Cur.asHash().find(llvm::StringRef(K));
      Cur = Next ? *Next : Value();
    } else if (Cur.isArray()) {
      int64_t Idx = 0;
      if (llvm::StringRef(K).getAsInteger(10, Idx) || Idx < 0 ||
          static_cast<size_t>(Idx) >= Cur.asArray().size())
        return Value();
      Cur = Cur.asArray()[Idx];
    } else {
      return Value();
    }
  }
  return Cur;
}

/// apache's bool2httpd: true -> 'On', false/undef -> 'Off', else the value.
Value bool2httpdFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  const Value &V = Args[0];
  if (V.isUndef() || (V.isBoolean() && !V.asBoolean()) ||
      (V.isString() && V.asString().empty()))
    return Value("Off");
  if (V.isBoolean())
    return Value("On");
  return Value(V.toRubyString());
}

/// mysql_password / mysql::password: MySQL's double-SHA1 password hash.
Value mysqlPasswordFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 2);
  const Value &V = Args[0].isSensitive() ? Args[0].sensitiveValue() : Args[0];
  const std::string S = V.toRubyString();
  if (S.empty())
    return Value("");
  if (S.size() == 41 && S[0] == '*' &&
      llvm::all_of(llvm::StringRef(S).drop_front(), llvm::isHexDigit))
    return Value(S);
  auto Sha1 = [](llvm::StringRef In) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> D{};
    unsigned Len = 0;
    EVP_Digest(In.data(), In.size(), D.data(), &Len, EVP_sha1(), nullptr);
    return std::string(reinterpret_cast<const char *>(D.data()), Len);
  };
  const std::string Twice = Sha1(Sha1(S));
  return Value("*" + llvm::toHex(Twice, false));
}

} // namespace

void cppet::registerModuleFunctions(FunctionRegistry &R) {
  registerStdlibDataFunctions(R);
  registerStdlibValidationFunctions(R);
  registerStdlibResourceFunctions(R);
  registerStdlibMoreFunctions(R);
  registerCoreMoreFunctions(R);
  registerOpenstackFunctions(R);
  add4(R, "translate", translateFn);
  add3(R, "getvar_emptystring", getvarEmptyStringFn);
  add4(R, "bool2httpd", bool2httpdFn);
  add4(R, "apache::bool2httpd", bool2httpdFn);
  add4(R, "memcached::max_memory", memcachedMaxMemoryFn);
  add3(R, "ipaddresses", ipaddressesFn);
  add4(R, "fact", factFn);
  add3(R, "mysql_password", mysqlPasswordFn);
  add4(R, "mysql::password", mysqlPasswordFn);
}
