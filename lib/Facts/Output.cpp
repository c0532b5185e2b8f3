//===- Output.cpp - facter's renderings: sorted JSON, YAML, plain ---------===//
#include "cppet/Facts/Facts.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <yaml-cpp/yaml.h>

using namespace llvm;

namespace cppet::facts {

Json sortedFacts(const Json &Facts) {
  if (Facts.is_array()) {
    Json Out = Json::array();
    for (const Json &E : Facts)
      Out.push_back(sortedFacts(E));
    return Out;
  }
  if (!Facts.is_object())
    return Facts;
  std::vector<std::string> Keys;
  for (auto It = Facts.begin(); It != Facts.end(); ++It)
    Keys.push_back(It.key());
  std::sort(Keys.begin(), Keys.end());
  Json Out = Json::object();
  for (const std::string &K : Keys)
    Out[K] = sortedFacts(Facts[K]);
  return Out;
}

namespace {

/// Whether a plain YAML scalar \p S would read back as something other
/// than this string (a number, bool, null) or not parse at all.
bool needsQuotes(StringRef S) {
  if (S.empty() || S.trim() != S)
    return true;
  std::string L = S.lower();
  if (L == "true" || L == "false" || L == "yes" || L == "no" || L == "on" ||
      L == "off" || L == "null" || L == "~")
    return true;
  double D;
  long long I;
  if (!S.getAsDouble(D) || !S.getAsInteger(0, I) ||
      S.find_first_not_of("0123456789:") == StringRef::npos)
    return true;
  if (StringRef("-?:,[]{}#&*!|>'\"%@`").contains(S.front()))
    return true;
  return S.contains(": ") || S.contains(" #") || S.endswith(":");
}

void emit(YAML::Emitter &Out, const Json &J) {
  switch (J.type()) {
  case Json::value_t::object:
    Out << YAML::BeginMap;
    for (auto It = J.begin(); It != J.end(); ++It) {
      Out << YAML::Key;
      if (needsQuotes(It.key()))
        Out << YAML::DoubleQuoted;
      Out << It.key() << YAML::Value;
      emit(Out, It.value());
    }
    Out << YAML::EndMap;
    return;
  case Json::value_t::array:
    Out << YAML::BeginSeq;
    for (const Json &E : J)
      emit(Out, E);
    Out << YAML::EndSeq;
    return;
  case Json::value_t::string: {
    const std::string &S = J.get_ref<const std::string &>();
    if (needsQuotes(S))
      Out << YAML::DoubleQuoted;
    Out << S;
    return;
  }
  case Json::value_t::null:
    Out << YAML::Null;
    return;
  default:
    Out << J.dump();
    return;
  }
}

void formatValue(std::string &Out, const Json &J, unsigned Indent) {
  std::string Pad(Indent + 2, ' ');
  if (J.is_object()) {
    Out += "{\n";
    bool First = true;
    for (auto It = J.begin(); It != J.end(); ++It) {
      Out += First ? "" : ",\n";
      First = false;
      Out += Pad + It.key() + " => ";
      formatValue(Out, It.value(), Indent + 2);
    }
    Out += "\n" + std::string(Indent, ' ') + "}";
  } else if (J.is_array()) {
    Out += "[\n";
    for (size_t I = 0; I < J.size(); ++I) {
      Out += (I ? ",\n" : "") + Pad;
      formatValue(Out, J[I], Indent + 2);
    }
    Out += "\n" + std::string(Indent, ' ') + "]";
  } else if (!J.is_null()) {
    Out += J.dump();
  }
}

} // namespace

std::string toYaml(const Json &Facts) {
  YAML::Emitter Out;
  Out.SetIndent(2);
  emit(Out, Facts);
  return std::string(Out.c_str()) + "\n";
}

std::string formatFactValue(const Json &Value) {
  if (Value.is_string())
    return Value.get<std::string>();
  std::string Out;
  formatValue(Out, Value, 0);
  return Out;
}

} // namespace cppet::facts
