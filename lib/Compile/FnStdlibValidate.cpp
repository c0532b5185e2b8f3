//===- FnStdlibValidate.cpp - stdlib's validate_* and is_* functions
//-------===//

#include "FnStdlibSupport.h"

#include "llvm/ADT/StringExtras.h"

#include <arpa/inet.h>

#include <map>
#include <mutex>

using namespace cppet;
using namespace cppet::fn;
using namespace cppet::stdlibfn;

namespace {

/// A Ruby regexp match with ^/$ line anchors (Oniguruma's Ruby syntax).
bool rubyMatch(llvm::StringRef Pattern, llvm::StringRef S) {
  static std::mutex CacheMutex;
  static std::map<std::string, std::shared_ptr<const Regex>> Cache;
  std::shared_ptr<const Regex> Re;
  {
    std::lock_guard<std::mutex> Lock(CacheMutex);
    auto &Slot = Cache[Pattern.str()];
    if (!Slot)
      Slot = Regex::compile(Pattern);
    Re = Slot;
  }
  return Re && Re->matches(S);
}

std::string arity(llvm::ArrayRef<Value> Args) {
  return std::to_string(Args.size());
}

void needArgs(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx,
         Ctx.name().str() + "(): wrong number of arguments (0; must be > 0)");
}

bool isIntegerLike(const Value &V) {
  return V.isInteger() ||
         (V.isString() && rubyMatch("^-?(?:(?:[1-9]\\d*)|0)$", V.asString()));
}

bool isNumericLike(const Value &V) {
  return V.isNumber() ||
         (V.isString() &&
          rubyMatch("^-?(?:(?:[1-9]\\d*)|0)(?:\\.\\d+)?(?:[eE]-?\\d+)?$",
                    V.asString()));
}

bool isAbsolutePath(const Value &V) {
  if (!V.isString())
    return false;
  return rubyMatch("\\A/", V.asString()) ||
         rubyMatch("\\A(?i:(?:[A-Z]:[\\\\/])|(?:[\\\\/][\\\\/][^\\\\/]+[\\\\/]"
                   "[^\\\\/]+)|(?:[\\\\/][\\\\/]\\?[\\\\/][^\\\\/]+))",
                   V.asString());
}

/// IPAddr.new(arg): an address with an optional /prefix; Family 4 or 6.
bool isIpAddress(const Value &V, int Family) {
  if (!V.isString())
    return false;
  llvm::StringRef S = V.asString();
  llvm::StringRef Addr = S.take_until([](char C) { return C == '/'; });
  if (Addr.size() >= 2 && Addr.front() == '[' && Addr.back() == ']')
    Addr = Addr.drop_front().drop_back();
  unsigned char Buf[16];
  const std::string A = Addr.str();
  const bool V4 = inet_pton(AF_INET, A.c_str(), Buf) == 1;
  const bool V6 = !V4 && inet_pton(AF_INET6, A.c_str(), Buf) == 1;
  if (Addr.size() < S.size()) {
    llvm::StringRef Prefix = S.drop_front(Addr.size() + 1);
    unsigned Bits;
    if (Prefix.getAsInteger(10, Bits) &&
        !(V4 && inet_pton(AF_INET, Prefix.str().c_str(), Buf) == 1))
      return false;
  }
  if (Family == 4)
    return V4;
  if (Family == 6)
    return V6;
  return V4 || V6;
}

bool isFloatLike(const Value &V) {
  if (V.isFloat())
    return true;
  if (!V.isString() && !V.isInteger())
    return false;
  if (V.isInteger())
    return false;
  // value == value.to_f.to_s
  llvm::StringRef S = V.asString();
  double D;
  if (S.trim().getAsDouble(D))
    return false;
  return formatFloat(D) == S;
}

bool isStringLike(const Value &V) {
  if (!V.isString() && !V.isUndef())
    return false;
  if (V.isUndef())
    return true;
  llvm::StringRef S = V.asString();
  // type == type.to_f.to_s || type == type.to_i.to_s
  double D = 0;
  llvm::StringRef Num = S.ltrim();
  size_t Len = 0;
  while (Len < Num.size() && (llvm::isDigit(Num[Len]) ||
                              llvm::StringRef("+-.eE").contains(Num[Len])))
    ++Len;
  if (Num.take_front(Len).getAsDouble(D))
    D = 0;
  if (S == formatFloat(D))
    return false;
  int64_t I = 0;
  size_t ILen = (!Num.empty() && (Num[0] == '-' || Num[0] == '+')) ? 1 : 0;
  while (ILen < Num.size() && llvm::isDigit(Num[ILen]))
    ++ILen;
  Num.take_front(ILen).getAsInteger(10, I);
  return S != std::to_string(I);
}

BuiltinFunction predicate(bool (*Test)(const Value &)) {
  return [Test](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    if (Args.size() != 1)
      fail(Ctx, Ctx.name().str() + "(): Wrong number of arguments given (" +
                    arity(Args) + " for 1)");
    return Value(Test(Args[0]));
  };
}

bool isArrayValue(const Value &V) { return V.isArray(); }
bool isHashValue(const Value &V) { return V.isHash(); }
bool isBoolValue(const Value &V) { return V.isBoolean(); }
bool isIp(const Value &V) { return isIpAddress(V, 0); }
bool isIp4(const Value &V) { return isIpAddress(V, 4); }
bool isIp6(const Value &V) { return isIpAddress(V, 6); }
bool isMac(const Value &V) {
  return V.isString() &&
         (rubyMatch("^([0-9a-f]{1,2}[:-]){5}[0-9a-f]{1,2}$", V.asString()) ||
          rubyMatch("^([0-9a-f]{1,2}[:-]){19}[0-9a-f]{1,2}$", V.asString()));
}
bool isDomainName(const Value &V) {
  if (!V.isString())
    return false;
  llvm::StringRef S = V.asString();
  if (S.empty() || S.size() > 255 || S.startswith("."))
    return false;
  if (S.endswith("."))
    S = S.drop_back();
  if (S.empty())
    return false;
  llvm::SmallVector<llvm::StringRef, 8> Labels;
  S.split(Labels, '.');
  if (llvm::all_of(Labels.back(), llvm::isDigit))
    return false;
  for (llvm::StringRef L : Labels)
    if (L.empty() || L.size() > 63 ||
        !rubyMatch("\\A[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\z", L.lower()))
      return false;
  return true;
}
bool isEmail(const Value &V) {
  return V.isString() &&
         rubyMatch("\\A([\\w.!#$%&'*+/=?^`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]"
                   "{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}"
                   "[a-zA-Z0-9])?)*)\\z",
                   V.asString());
}

/// validate_hash / validate_array / validate_bool / validate_string.
BuiltinFunction validator(bool (*Test)(const Value &), const char *What) {
  return [Test, What](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    needArgs(Ctx, Args);
    for (const Value &A : Args)
      if (!Test(A))
        fail(Ctx, A.toRubyInspect() + " is not " + What +
                      ".  It looks to be a " + rubyClass(A));
    return Value();
  };
}

bool isStringOrNil(const Value &V) { return V.isString() || V.isUndef(); }

Value validateAbsolutePathFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  needArgs(Ctx, Args);
  for (const Value &A : Args) {
    const Array Candidates = A.isArray() ? A.asArray() : Array{A};
    for (const Value &P : Candidates)
      if (!isAbsolutePath(P))
        fail(Ctx, P.toRubyInspect() + " is not an absolute path.");
  }
  return Value();
}

Value validateReFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() < 2 || Args.size() > 3)
    fail(Ctx, "validate_re(): wrong number of arguments (" + arity(Args) +
                  "; must be 2 or 3)");
  if (!Args[0].isString())
    fail(Ctx, "validate_re(): input needs to be a String, not a " +
                  rubyClass(Args[0]));
  const Array Patterns = Args[1].isArray() ? Args[1].asArray() : Array{Args[1]};
  for (const Value &P : Patterns) {
    std::shared_ptr<const Regex> Re =
        P.isRegexp() ? Regex::compile(P.asRegexp().source())
                     : Regex::compile(P.toRubyString());
    if (Re && Re->matches(Args[0].asString()))
      return Value();
  }
  if (Args.size() > 2 && Args[2].isTruthy())
    fail(Ctx, Args[2].toRubyString());
  fail(Ctx, "validate_re(): " + Args[0].toRubyInspect() + " does not match " +
                Args[1].toRubyInspect());
}

std::optional<int64_t> rubyInteger(const Value &V) {
  if (V.isInteger())
    return V.asInteger();
  if (V.isFloat())
    return static_cast<int64_t>(V.asFloat());
  if (!V.isString())
    return std::nullopt;
  std::string S = llvm::StringRef(V.asString()).trim().str();
  S.erase(std::remove(S.begin(), S.end(), '_'), S.end());
  int64_t I;
  if (llvm::StringRef(S).getAsInteger(0, I))
    return std::nullopt;
  return I;
}

Value validateSlengthFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 2 && Args.size() != 3)
    fail(Ctx, "validate_slength(): Wrong number of arguments (" + arity(Args) +
                  "; must be 2 or 3)");
  const std::optional<int64_t> Max = rubyInteger(Args[1]);
  if (!Max || *Max <= 0)
    fail(Ctx, "validate_slength(): Expected second argument to be a "
              "positive Numeric, got " +
                  Args[1].toRubyString() + ":" + rubyClass(Args[1]));
  int64_t Min = 0;
  if (Args.size() > 2 && Args[2].isTruthy()) {
    const std::optional<int64_t> M = rubyInteger(Args[2]);
    if (!M || *M < 0)
      fail(Ctx, "validate_slength(): Expected third argument to be unset or "
                "a positive Numeric, got " +
                    Args[2].toRubyString() + ":" + rubyClass(Args[2]));
    Min = *M;
  }
  if (*Max < Min)
    fail(Ctx, "validate_slength(): Expected second argument to be equal to "
              "or larger than third argument");
  auto Check = [&](const Value &S) {
    const int64_t Len = static_cast<int64_t>(utf8Chars(S.asString()).size());
    if (Len > *Max || Len < Min)
      fail(Ctx, "validate_slength(): Expected length of " +
                    Args[0].toRubyInspect() + " to be between " +
                    std::to_string(Min) + " and " + std::to_string(*Max) +
                    ", was " +
                    std::to_string(Args[0].isArray()
                                       ? Args[0].asArray().size()
                                       : utf8Chars(Args[0].asString()).size()));
  };
  if (Args[0].isString()) {
    Check(Args[0]);
  } else if (Args[0].isArray()) {
    size_t Pos = 0;
    for (const Value &E : Args[0].asArray()) {
      if (!E.isString())
        fail(Ctx, "validate_slength(): Expected element at array position " +
                      std::to_string(Pos) + " to be a String, got " +
                      rubyClass(E));
      Check(E);
      ++Pos;
    }
  } else {
    fail(Ctx, "validate_slength(): Expected first argument to be a String or "
              "Array, got " +
                  rubyClass(Args[0]));
  }
  return Value();
}

/// validate_integer / validate_numeric (value or array, optional max, min).
BuiltinFunction numberValidator(bool Integral) {
  return [Integral](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    const std::string N = Ctx.name().str();
    if (Args.empty() || Args.size() > 3)
      fail(Ctx, N + "(): Wrong number of arguments; must be 1, 2 or 3, got " +
                    arity(Args));
    const char *What = Integral ? "an Integer" : "a Numeric";
    auto Parse = [&](const Value &V) -> std::optional<double> {
      if (Integral ? isIntegerLike(V) : isNumericLike(V)) {
        if (V.isNumber())
          return V.asNumber();
        double D;
        llvm::StringRef(V.asString()).getAsDouble(D);
        return D;
      }
      return std::nullopt;
    };
    std::optional<double> Max, Min;
    if (Args.size() > 1 &&
        !(Args[1].isString() && Args[1].asString().empty()) &&
        !Args[1].isUndef()) {
      Max = Parse(Args[1]);
      if (!Max)
        fail(Ctx, N + "(): Expected second argument to be unset or " + What +
                      ", got " + Args[1].toRubyString() + ":" +
                      rubyClass(Args[1]));
    }
    if (Args.size() > 2 &&
        !(Args[2].isString() && Args[2].asString().empty()) &&
        !Args[2].isUndef()) {
      Min = Parse(Args[2]);
      if (!Min)
        fail(Ctx, N + "(): Expected third argument to be unset or " + What +
                      ", got " + Args[2].toRubyString() + ":" +
                      rubyClass(Args[2]));
    }
    if (Max && Min && *Min > *Max)
      fail(Ctx, N +
                    "(): Expected second argument to be larger than third "
                    "argument, got " +
                    Args[1].toRubyString() + " < " + Args[2].toRubyString());
    auto Check = [&](const Value &V, const std::string &Where) {
      std::optional<double> D = Parse(V);
      if (!D)
        fail(Ctx, N + "(): Expected " + Where + " to be " + What + ", got " +
                      V.toRubyString() + ":" + rubyClass(V));
      if (Min && *D < *Min)
        fail(Ctx, N + "(): Expected " + Where + " to be greater or equal to " +
                      Args[2].toRubyString() + ", got " + V.toRubyString());
      if (Max && *D > *Max)
        fail(Ctx, N + "(): Expected " + Where + " to be smaller or equal to " +
                      Args[1].toRubyString() + ", got " + V.toRubyString());
    };
    if (Args[0].isArray()) {
      size_t I = 0;
      for (const Value &E : Args[0].asArray())
        Check(E, "element at array position " + std::to_string(I++));
    } else {
      Check(Args[0], "first argument");
    }
    return Value();
  };
}

BuiltinFunction ipValidator(int Family) {
  return [Family](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    needArgs(Ctx, Args);
    const char *What = Family == 4   ? "a valid IPv4 address"
                       : Family == 6 ? "a valid IPv6 address"
                                     : "a valid IP address";
    for (const Value &A : Args) {
      if (!A.isString())
        fail(Ctx, A.toRubyInspect() + " is not a string.");
      if (!isIpAddress(A, Family))
        fail(Ctx, A.toRubyInspect() + " is not " + What + ".");
    }
    return Value();
  };
}

/// validate_legacy(Type or type string, 'validate_fn', value, args...).
Value validateLegacyFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 3, SIZE_MAX);
  if (!Args[1].isString())
    argTypeError(Ctx, "function_name", {"String"}, Args[1]);
  if (!Args[0].isType()) {
    // A type given as a string is parsed by Puppet; accept it here.
    return Value();
  }
  const Type &T = Args[0].asType();
  const std::string Fn = Args[1].asString();
  if (types::isInstance(T, Args[2]))
    return Value();
  // Puppet accepts a value the old validator accepted (with a
  // deprecation warning); the Stdlib::Compat types mirror the old
  // validators, so a mismatch fails here.
  fail(Ctx,
       "validate_legacy(" + Fn + ") " + types::describeMismatch(T, Args[2]));
}

} // namespace

void stdlibfn::registerStdlibValidationFunctions(FunctionRegistry &R) {
  add4(R, "validate_hash", validator(isHashValue, "a Hash"));
  add4(R, "validate_array", validator(isArrayValue, "an Array"));
  add4(R, "validate_bool", validator(isBoolValue, "a boolean"));
  add4(R, "validate_string", validator(isStringOrNil, "a string"));
  add4(R, "validate_absolute_path", validateAbsolutePathFn);
  add4(R, "validate_re", validateReFn);
  add4(R, "validate_slength", validateSlengthFn);
  add4(R, "validate_integer", numberValidator(true));
  add4(R, "validate_numeric", numberValidator(false));
  add4(R, "validate_ip_address", ipValidator(0));
  add4(R, "validate_ipv4_address", ipValidator(4));
  add4(R, "validate_ipv6_address", ipValidator(6));
  add4(R, "validate_legacy", validateLegacyFn);
  add4(R, "is_string", predicate(isStringLike));
  add3(R, "is_integer", predicate(isIntegerLike));
  add4(R, "is_numeric", predicate(isNumericLike));
  add4(R, "is_float", predicate(isFloatLike));
  add4(R, "is_bool", predicate(isBoolValue));
  add4(R, "is_array", predicate(isArrayValue));
  add3(R, "is_hash", predicate(isHashValue));
  add4(R, "is_absolute_path", predicate(isAbsolutePath));
  add4(R, "is_ip_address", predicate(isIp));
  add4(R, "is_ipv4_address", predicate(isIp4));
  add4(R, "is_ipv6_address", predicate(isIp6));
  add3(R, "is_mac_address", predicate(isMac));
  add3(R, "is_domain_name", predicate(isDomainName));
  add3(R, "is_email_address", predicate(isEmail));
  add3(R, "is_function_available",
       [](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
         if (Args.size() != 1)
           fail(Ctx, "is_function_available?(): Wrong number of arguments "
                     "given (" +
                         arity(Args) + " for 1)");
         if (!Args[0].isString())
           return Value(false);
         const FunctionRegistry &Reg = FunctionRegistry::get();
         return Value(Reg.find(Args[0].asString()) != nullptr ||
                      Reg.findModuleFunction(Args[0].asString()) != nullptr);
       });
}
