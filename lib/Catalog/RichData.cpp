//===- RichData.cpp - Puppet's rich data in catalogs ----------------------===//
//
// Undoing the rich-data encoding of a catalog's parameter values
// (`{"__ptype": ...}`, shared/docs/puppet-wire-protocol.md section 3.1.5).
//
//===----------------------------------------------------------------------===//
#include "cppet/Catalog/Catalog.h"

#include <algorithm>

using namespace cppet;
using namespace cppet::catalog;

namespace {

std::string decodeBase64(llvm::StringRef In) {
  auto Value = [](char C) -> int {
    if (C >= 'A' && C <= 'Z')
      return C - 'A';
    if (C >= 'a' && C <= 'z')
      return C - 'a' + 26;
    if (C >= '0' && C <= '9')
      return C - '0' + 52;
    if (C == '+' || C == '-')
      return 62;
    if (C == '/' || C == '_')
      return 63;
    return -1;
  };
  std::string Out;
  unsigned Bits = 0;
  int Count = 0;
  for (char C : In) {
    int V = Value(C);
    if (V < 0)
      continue; // padding, line breaks
    Bits = (Bits << 6) | static_cast<unsigned>(V);
    Count += 6;
    if (Count >= 8) {
      Count -= 8;
      Out += static_cast<char>((Bits >> Count) & 0xff);
    }
  }
  return Out;
}

/// Decodes one rich-data value; Sensitive is set when a Sensitive wrapper
/// was removed anywhere inside. Inside a Deferred's arguments
/// (KeepSensitive) Sensitive wrappers stay: the function gets them.
void decodeRich(Json &V, bool &Sensitive, bool KeepSensitive = false) {
  if (V.is_array()) {
    for (Json &E : V)
      decodeRich(E, Sensitive, KeepSensitive);
    return;
  }
  if (!V.is_object())
    return;
  auto PType = V.find("__ptype");
  if (PType == V.end() || !PType->is_string()) {
    for (auto It = V.begin(); It != V.end(); ++It)
      decodeRich(It.value(), Sensitive);
    return;
  }
  std::string Type = PType->get<std::string>();
  Json Value = V.contains("__pvalue") ? V["__pvalue"] : Json();
  if (Type == "Deferred") {
    // Kept for cppet::resolveDeferred, its arguments decoded.
    if (auto Args = V.find("arguments"); Args != V.end())
      decodeRich(*Args, Sensitive, /*KeepSensitive=*/true);
    return;
  }
  if (Type == "Sensitive" && KeepSensitive) {
    decodeRich(Value, Sensitive, KeepSensitive);
    V = Json::object(
        {{"__ptype", "Sensitive"}, {"__pvalue", std::move(Value)}});
    return;
  }
  if (Type == "Sensitive") {
    Sensitive = true;
    decodeRich(Value, Sensitive, KeepSensitive);
    V = std::move(Value);
    return;
  }
  if (Type == "Hash") {
    Json Out = Json::object();
    if (Value.is_array())
      for (size_t I = 0; I + 1 < Value.size(); I += 2) {
        Json K = Value[I], Val = Value[I + 1];
        decodeRich(K, Sensitive, KeepSensitive);
        decodeRich(Val, Sensitive, KeepSensitive);
        Out[K.is_string() ? K.get<std::string>() : K.dump()] = std::move(Val);
      }
    V = std::move(Out);
    return;
  }
  if (Type == "Default") {
    V = "default";
    return;
  }
  if (Type == "Binary") {
    V = Value.is_string() ? decodeBase64(Value.get<std::string>())
                          : std::string();
    return;
  }
  if (Type == "Regexp" && Value.is_string()) {
    V = "/" + Value.get<std::string>() + "/";
    return;
  }
  if (!Value.is_null()) {
    // Timestamp, Timespan, SemVer, SemVerRange, Type, Symbol, ... as their
    // string form (what a plain-JSON catalog carries).
    decodeRich(Value, Sensitive, KeepSensitive);
    V = std::move(Value);
    return;
  }
  // An Object with its attributes inline.
  V.erase("__ptype");
  for (auto It = V.begin(); It != V.end(); ++It)
    decodeRich(It.value(), Sensitive, KeepSensitive);
}

} // namespace

void catalog::decodeRichData(Catalog &C) {
  for (Resource &R : C.Resources) {
    if (!R.Parameters.is_object())
      continue;
    for (auto It = R.Parameters.begin(); It != R.Parameters.end(); ++It) {
      bool Sensitive = false;
      decodeRich(It.value(), Sensitive);
      if (Sensitive &&
          std::find(R.SensitiveParameters.begin(), R.SensitiveParameters.end(),
                    It.key()) == R.SensitiveParameters.end())
        R.SensitiveParameters.push_back(It.key());
    }
  }
}
