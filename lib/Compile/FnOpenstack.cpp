//===- FnOpenstack.cpp - Ruby functions of openstacklib and mcollective ---===//
//
// The Ruby functions of puppet-openstacklib (lib/puppet/functions) that the
// OpenStack modules Debian packages (aodh, cinder, glance, keystone, nova,
// neutron, swift, ...) and oslo call from their manifests, and
// mcollective's mco_array_to_string. Like the other module functions they
// apply only when a module on the modulepath ships them.
//
//===----------------------------------------------------------------------===//
#include "FnStdlibSupport.h"

#include <arpa/inet.h>

using namespace cppet;
using namespace cppet::fn;
using namespace cppet::stdlibfn;

namespace {

/// Ruby's IPAddr.new(S).ipv6?: S (an address, optionally with a /prefix)
/// parses as IPv6.
bool isIPv6(const Value &V) {
  if (!V.isString())
    return false;
  std::string S = V.asString();
  S = S.substr(0, S.find('/'));
  unsigned char Buf[16];
  return inet_pton(AF_INET6, S.c_str(), Buf) == 1;
}

/// ERB::Util.url_encode: everything but [A-Za-z0-9_.~-] as %XX.
std::string urlEncode(llvm::StringRef S) {
  static const char Hex[] = "0123456789ABCDEF";
  std::string Out;
  for (unsigned char C : S) {
    if (std::isalnum(C) || C == '_' || C == '-' || C == '.' || C == '~') {
      Out += static_cast<char>(C);
    } else {
      Out += '%';
      Out += Hex[C >> 4];
      Out += Hex[C & 15];
    }
  }
  return Out;
}

/// "user:password" of a URL, each part url_encoded; empty without a user,
/// the password left out when empty (both openstacklib URL functions).
std::string userInfo(const HashData &V) {
  const Value *U = V.find(llvm::StringRef("username"));
  if (!U || U->asString().empty())
    return "";
  std::string Info = urlEncode(U->asString());
  const Value *P = V.find(llvm::StringRef("password"));
  if (P && !P->asString().empty())
    Info += ":" + urlEncode(P->asString());
  return Info;
}

/// The argument list the openstacklib address functions take: one value,
/// an array of them, or several arguments.
std::vector<Value> addressArgs(llvm::ArrayRef<Value> Args) {
  if (!Args.empty() && Args[0].isArray())
    return Args[0].asArray();
  return std::vector<Value>(Args.begin(), Args.end());
}

Value addressResult(std::vector<Value> Result) {
  if (Result.size() == 1)
    return Result[0];
  return Value(Array(std::move(Result)));
}

// openstacklib: is_service_default(value)
Value isServiceDefaultFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 1)
    fail(Ctx, "is_service_default(): Wrong number of argumentsgiven (" +
                  std::to_string(Args.size()) + " for 1)");
  return Value(Args[0].isString() && Args[0].asString() == "<SERVICE DEFAULT>");
}

// openstacklib: normalize_ip_for_uri(ip | [ip...] | ip, ip...)
Value normalizeIpForUriFn(FunctionContext &, llvm::ArrayRef<Value> Args) {
  std::vector<Value> Result;
  for (const Value &Ip : addressArgs(Args)) {
    if (isIPv6(Ip) && !(llvm::StringRef(Ip.asString()).startswith("[") &&
                        Ip.asString().find(']') != std::string::npos))
      Result.emplace_back("[" + Ip.asString() + "]");
    else
      Result.push_back(Ip);
  }
  return addressResult(std::move(Result));
}

// openstacklib: inet6_prefix(ip | [ip...])
Value inet6PrefixFn(FunctionContext &, llvm::ArrayRef<Value> Args) {
  std::vector<Value> Result;
  for (const Value &Ip : addressArgs(Args)) {
    if (!Ip.isString() || llvm::StringRef(Ip.asString()).startswith("inet6:")) {
      Result.push_back(Ip);
      continue;
    }
    // ip.split(/\s|\[|\]/) without empty parts.
    std::vector<std::string> Parts;
    std::string Cur;
    for (char C : Ip.asString()) {
      if (C == ' ' || C == '\t' || C == '\n' || C == '\r' || C == '\f' ||
          C == '\v' || C == '[' || C == ']') {
        if (!Cur.empty())
          Parts.push_back(Cur);
        Cur.clear();
      } else {
        Cur += C;
      }
    }
    if (!Cur.empty())
      Parts.push_back(Cur);
    if (Parts.empty() || !isIPv6(Value(Parts[0]))) {
      Result.push_back(Ip);
      continue;
    }
    std::string Rest;
    for (size_t I = 1; I < Parts.size(); ++I)
      Rest += Parts[I];
    Result.emplace_back("inet6:[" + Parts[0] + "]" + Rest);
  }
  return addressResult(std::move(Result));
}

/// The "Type should be a K" checks of os_database_connection and
/// os_transport_url: Ruby's class of a value.
std::string rubyKind(const Value &V) { return rubyClass(V); }

// openstacklib: os_database_connection({dialect, host, port, database,
// username, password, charset, extra})
Value osDatabaseConnectionFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 1)
    fail(Ctx, "os_database_connection(): Wrong number of arguments given (" +
                  std::to_string(Args.size()) + " for 1)");
  if (!Args[0].isHash())
    fail(Ctx, "os_database_connection(): Requires an hash, got " +
                  rubyKind(Args[0]));
  const HashData &V = Args[0].asHash();
  for (const auto &[K, X] : V) {
    const std::string Key = K.toRubyString();
    const bool Ok = Key == "extra" ? X.isHash() : X.isString();
    if (!Ok)
      fail(Ctx, "os_database_connection(): " + Key + " should be a " +
                    (Key == "extra" ? "Hash" : "String"));
  }
  auto Get = [&](llvm::StringRef K) { return V.find(K); };
  if (!Get("dialect"))
    fail(Ctx, "os_database_connection(): dialect is required");
  if (!Get("database"))
    fail(Ctx, "os_database_connection(): database is required");
  if (Get("port") && !Get("host"))
    fail(Ctx, "os_database_connection(): host is required with port");
  std::string Url = Get("dialect")->asString() + ":";
  const std::string UserInfo = userInfo(V);
  if (const Value *H = Get("host")) {
    Url += "//";
    if (!UserInfo.empty())
      Url += UserInfo + "@";
    Url += H->asString();
    if (const Value *P = Get("port")) {
      // Ruby's String#to_i: the leading digits.
      llvm::StringRef Digits = llvm::StringRef(P->asString()).ltrim();
      long long Port = 0;
      Digits.take_while([](char C) { return std::isdigit(C); })
          .getAsInteger(10, Port);
      Url += ":" + std::to_string(Port);
    }
    Url += "/" + Get("database")->asString();
  } else {
    Url += "///" + Get("database")->asString();
  }
  std::vector<std::pair<std::string, std::string>> Query;
  auto Put = [&](const std::string &K, const std::string &X) {
    for (auto &Q : Query)
      if (Q.first == K) {
        Q.second = X;
        return;
      }
    Query.emplace_back(K, X);
  };
  if (const Value *E = Get("extra"))
    for (const auto &[K, X] : E->asHash())
      Put(K.toRubyString(), X.toRubyString());
  if (const Value *C = Get("charset"))
    Put("charset", C->asString());
  for (size_t I = 0; I < Query.size(); ++I)
    Url += (I ? "&" : "?") + Query[I].first + "=" + Query[I].second;
  return Value(Url);
}

/// os_transport_url's _str2bool: a Boolean, or a String that reads as one.
bool transportBool(FunctionContext &Ctx, const Value &V) {
  if (V.isBoolean())
    return V.asBoolean();
  if (!V.isString())
    fail(Ctx, "str2bool(): Requires string to work with");
  const std::string S = llvm::StringRef(V.asString()).lower();
  if (S.empty() || S == "0" || S == "f" || S == "n" || S == "false" ||
      S == "no" || V.asString() == "undef" || V.asString() == "undefined")
    return false;
  if (S == "1" || S == "t" || S == "y" || S == "true" || S == "yes")
    return true;
  fail(Ctx, "os_transport_url _str2bool(): Unknown type of boolean given");
}

// openstacklib: os_transport_url({transport, host | hosts, port, username,
// password, virtual_host, ssl, query})
Value osTransportUrlFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 1)
    fail(Ctx, "os_transport_url(): Wrong number of arguments");
  if (!Args[0].isHash())
    fail(Ctx, "os_transport_url(): Requires an hash, got " + rubyKind(Args[0]));
  HashData V;
  for (const auto &[K, X] : Args[0].asHash()) {
    const std::string Key = K.toRubyString();
    Value Item = Key == "port" ? Value(X.toRubyString()) : X;
    const bool Ok = Key == "hosts"   ? Item.isArray()
                    : Key == "query" ? Item.isHash()
                                     : Item.isString();
    if (!Ok)
      fail(Ctx, "os_transport_url(): " + Key + " should be a " +
                    (Key == "hosts"   ? "Array"
                     : Key == "query" ? "Hash"
                                      : "String"));
    V.set(Value(Key), Item);
  }
  auto Get = [&](llvm::StringRef K) { return V.find(K); };
  if (!Get("transport"))
    fail(Ctx, "os_transport_url(): transport is required");
  if (!Get("host") && !Get("hosts"))
    fail(Ctx, "os_transport_url(): host or hosts is required");
  if (Get("host") && Get("hosts"))
    fail(Ctx, "os_transport_url(): cannot use both host and hosts.");
  const std::string UserInfo = userInfo(V);
  std::string HostInfo = "localhost";
  const Value *Port = Get("port");
  if (const Value *H = Get("host")) {
    Value N = normalizeIpForUriFn(Ctx, {*H});
    std::string Host = N.toRubyString();
    if (Port)
      Host += ":" + Port->asString();
    HostInfo = UserInfo.empty() ? Host : UserInfo + "@" + Host;
  }
  if (const Value *Hs = Get("hosts")) {
    Value N = normalizeIpForUriFn(Ctx, {*Hs});
    std::vector<Value> List = N.isArray() ? N.asArray() : std::vector<Value>{N};
    HostInfo.clear();
    for (size_t I = 0; I < List.size(); ++I) {
      std::string Host = List[I].toRubyString();
      if (Port)
        Host += ":" + Port->asString();
      if (I)
        HostInfo += ',';
      if (!UserInfo.empty())
        HostInfo += UserInfo + "@";
      HostInfo += Host;
    }
  }
  std::string Path = "/";
  if (const Value *VH = Get("virtual_host"))
    Path = "/" + VH->asString();
  std::vector<std::pair<std::string, std::string>> Query;
  if (const Value *Q = Get("query"))
    for (const auto &[K, X] : Q->asHash())
      Query.emplace_back(K.toRubyString(), X.toRubyString());
  if (const Value *Ssl = Get("ssl")) {
    const std::string Num = transportBool(Ctx, *Ssl) ? "1" : "0";
    bool Replaced = false;
    for (auto &Q : Query)
      if (Q.first == "ssl") {
        Q.second = Num;
        Replaced = true;
      }
    if (!Replaced)
      Query.emplace_back("ssl", Num);
  }
  std::string Url = Get("transport")->asString() + "://" + HostInfo + Path;
  for (size_t I = 0; I < Query.size(); ++I)
    Url += (I ? "&" : "?") + Query[I].first + "=" + Query[I].second;
  return Value(Url);
}

// mcollective: mco_array_to_string(array)
Value mcoArrayToStringFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty() || !Args[0].isArray())
    fail(Ctx, "Expected an array, but got a " +
                  (Args.empty() ? std::string("NilClass") : rubyKind(Args[0])));
  Array Out;
  for (const Value &E : Args[0].asArray())
    Out.push_back(Value(E.toRubyString()));
  return Value(std::move(Out));
}

} // namespace

void cppet::stdlibfn::registerOpenstackFunctions(FunctionRegistry &R) {
  add4(R, "is_service_default", isServiceDefaultFn);
  add4(R, "normalize_ip_for_uri", normalizeIpForUriFn);
  add4(R, "inet6_prefix", inet6PrefixFn);
  add4(R, "os_database_connection", osDatabaseConnectionFn);
  add4(R, "os_transport_url", osTransportUrlFn);
  add3(R, "mco_array_to_string", mcoArrayToStringFn);
}
