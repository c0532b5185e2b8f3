//===- Parsers.cpp - fact parsers over file contents ----------------------===//
#include "cppet/Facts/Facts.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdio>
#include <set>

using namespace llvm;

namespace cppet::facts {

namespace {
/// Removes one level of shell-style quoting from an os-release value.
std::string unquote(StringRef V) {
  V = V.trim();
  if (V.size() >= 2 && (V.front() == '"' || V.front() == '\'') &&
      V.back() == V.front()) {
    char Quote = V.front();
    V = V.drop_front().drop_back();
    std::string Out;
    for (size_t I = 0; I < V.size(); ++I) {
      if (Quote == '"' && V[I] == '\\' && I + 1 < V.size())
        ++I;
      Out += V[I];
    }
    return Out;
  }
  return V.str();
}
} // namespace

std::map<std::string, std::string> parseOsRelease(StringRef Text) {
  std::map<std::string, std::string> Out;
  SmallVector<StringRef, 32> Lines;
  Text.split(Lines, '\n', -1, false);
  for (StringRef Line : Lines) {
    Line = Line.trim();
    if (Line.empty() || Line.startswith("#") || !Line.contains('='))
      continue;
    auto [Key, Value] = Line.split('=');
    if (Key.trim().empty())
      continue;
    Out[Key.trim().str()] = unquote(Value);
  }
  return Out;
}

MemInfo parseMeminfo(StringRef Text) {
  MemInfo Info;
  uint64_t Free = 0, Buffers = 0, Cached = 0;
  bool HaveAvailable = false;
  SmallVector<StringRef, 64> Lines;
  Text.split(Lines, '\n', -1, false);
  for (StringRef Line : Lines) {
    auto [Key, Rest] = Line.split(':');
    Rest = Rest.trim();
    StringRef Number = Rest.take_while(isDigit);
    uint64_t Value = 0;
    if (Number.getAsInteger(10, Value))
      continue;
    if (Rest.endswith("kB"))
      Value *= 1024;
    Key = Key.trim();
    if (Key == "MemTotal")
      Info.TotalBytes = Value;
    else if (Key == "MemAvailable") {
      Info.AvailableBytes = Value;
      HaveAvailable = true;
    } else if (Key == "MemFree")
      Free = Value;
    else if (Key == "Buffers")
      Buffers = Value;
    else if (Key == "Cached")
      Cached = Value;
    else if (Key == "SwapTotal")
      Info.SwapTotalBytes = Value;
    else if (Key == "SwapFree")
      Info.SwapFreeBytes = Value;
  }
  if (!HaveAvailable)
    Info.AvailableBytes = Free + Buffers + Cached;
  return Info;
}

CpuInfo parseCpuinfo(StringRef Text) {
  CpuInfo Info;
  std::set<std::string> Physical;
  unsigned Siblings = 0;
  SmallVector<StringRef, 256> Lines;
  Text.split(Lines, '\n', -1, false);
  for (StringRef Line : Lines) {
    auto [Key, Value] = Line.split(':');
    Key = Key.trim();
    Value = Value.trim();
    if (Key == "processor")
      ++Info.Count;
    else if (Key == "model name" || Key == "cpu")
      Info.Models.push_back(Value.str());
    else if (Key == "cpu cores" && !Info.Cores)
      Value.getAsInteger(10, Info.Cores);
    else if (Key == "siblings" && !Siblings)
      Value.getAsInteger(10, Siblings);
    else if (Key == "physical id")
      Physical.insert(Value.str());
    else if (Key == "cpu MHz" || Key == "clock") {
      uint64_t MHz = 0;
      if (!Value.take_while(isDigit).getAsInteger(10, MHz))
        Info.SpeedHz = MHz * 1000000;
    }
  }
  Info.PhysicalCount = Physical.size();
  if (Info.Cores && Siblings)
    Info.Threads = Siblings / Info.Cores;
  return Info;
}

std::string parseResolvConfDomain(StringRef Text) {
  SmallVector<StringRef, 16> Lines;
  Text.split(Lines, '\n', -1, false);
  std::string Search;
  for (StringRef Line : Lines) {
    SmallVector<StringRef, 4> Words;
    Line.split(Words, ' ', -1, false);
    if (Words.size() < 2)
      continue;
    if (Words[0] == "domain")
      return Words[1].trim().str();
    if (Words[0] == "search" && Search.empty())
      Search = Words[1].trim().str();
  }
  return Search;
}

Json parseKeyValueFacts(StringRef Text) {
  Json Out = Json::object();
  SmallVector<StringRef, 32> Lines;
  Text.split(Lines, '\n', -1, false);
  for (StringRef Line : Lines) {
    Line = Line.trim();
    size_t Eq = Line.find('=');
    if (Line.empty() || Eq == StringRef::npos || Eq == 0)
      continue;
    std::string Key = Line.take_front(Eq).trim().lower();
    if (Key.empty())
      continue;
    Out[Key] = Line.drop_front(Eq + 1).trim().str();
  }
  return Out;
}

namespace {
Json lowercaseKeys(const Json &J) {
  Json Out = Json::object();
  for (auto It = J.begin(); It != J.end(); ++It)
    Out[StringRef(It.key()).lower()] = It.value();
  return Out;
}
} // namespace

Expected<Json> parseJsonFacts(StringRef Text) {
  Json J = Json::parse(Text.begin(), Text.end(), nullptr,
                       /*allow_exceptions=*/false);
  if (J.is_discarded())
    return createStringError(inconvertibleErrorCode(), "invalid JSON");
  if (!J.is_object())
    return createStringError(inconvertibleErrorCode(),
                             "JSON facts must be an object");
  return lowercaseKeys(J);
}

namespace {
Json scalarFromYaml(const YAML::Node &N) {
  const std::string &S = N.Scalar();
  if (N.Tag() != "?") // quoted or explicitly tagged: a string
    return S;
  if (S == "~" || S == "null" || S == "Null" || S == "NULL" || S.empty())
    return nullptr;
  if (S == "true" || S == "True" || S == "TRUE")
    return true;
  if (S == "false" || S == "False" || S == "FALSE")
    return false;
  StringRef R(S);
  int64_t I = 0;
  if (!R.getAsInteger(10, I))
    return I;
  double D = 0;
  if (R.find_first_not_of("0123456789.eE+-") == StringRef::npos &&
      R.find_first_of("0123456789") != StringRef::npos && !R.getAsDouble(D))
    return D;
  return S;
}

Json fromYaml(const YAML::Node &N) {
  switch (N.Type()) {
  case YAML::NodeType::Map: {
    Json Out = Json::object();
    for (const auto &KV : N)
      Out[KV.first.as<std::string>()] = fromYaml(KV.second);
    return Out;
  }
  case YAML::NodeType::Sequence: {
    Json Out = Json::array();
    for (const auto &E : N)
      Out.push_back(fromYaml(E));
    return Out;
  }
  case YAML::NodeType::Scalar:
    return scalarFromYaml(N);
  default:
    return nullptr;
  }
}
} // namespace

Expected<Json> parseYamlMapping(StringRef Text) {
  try {
    YAML::Node Root = YAML::Load(Text.str());
    if (Root.IsNull())
      return Json::object();
    if (!Root.IsMap())
      return createStringError(inconvertibleErrorCode(),
                               "the YAML document must be a mapping");
    return fromYaml(Root);
  } catch (const YAML::Exception &E) {
    return createStringError(inconvertibleErrorCode(), "invalid YAML: %s",
                             E.what());
  }
}

Expected<Json> parseYamlFacts(StringRef Text) {
  Expected<Json> J = parseYamlMapping(Text);
  if (!J)
    return J.takeError();
  return lowercaseKeys(*J);
}

std::string formatBytes(uint64_t Bytes) {
  if (Bytes < 1024)
    return std::to_string(Bytes) + " bytes";
  static const char *const Prefix[] = {"KiB", "MiB", "GiB",
                                       "TiB", "PiB", "EiB"};
  int Exp = static_cast<int>(std::floor(std::log2(double(Bytes)) / 10.0));
  double Number =
      std::round(100.0 * (double(Bytes) / std::pow(1024.0, Exp))) / 100.0;
  if (std::fabs(Number - 1024.0) < 1e-12) {
    ++Exp;
    Number = 1.0;
  }
  if (Exp < 1 || Exp > 6)
    return std::to_string(Bytes) + " bytes";
  char Buf[64];
  std::snprintf(Buf, sizeof(Buf), "%.2f %s", Number, Prefix[Exp - 1]);
  return Buf;
}

std::string formatHertz(uint64_t Hz) {
  if (Hz == 0)
    return "";
  static const char *const Prefix[] = {"", "k", "M", "G", "T"};
  int Power = static_cast<int>(std::floor(std::log10(double(Hz))));
  int Display = Power - Power % 3;
  if (Display > 12)
    Display = 12;
  double Coefficient = double(Hz) / std::pow(10.0, Display);
  char Buf[64];
  std::snprintf(Buf, sizeof(Buf), "%.2f %sHz", Coefficient,
                Prefix[Display / 3]);
  return Buf;
}

std::string formatCapacity(uint64_t Used, uint64_t Total) {
  if (Used == Total)
    return "100%";
  if (Used == 0)
    return "0%";
  char Buf[32];
  std::snprintf(Buf, sizeof(Buf), "%.2f%%",
                double(Used) / double(Total) * 100.0);
  return Buf;
}

Json uptimeFacts(uint64_t Seconds) {
  uint64_t Minutes = (Seconds / 60) % 60;
  uint64_t Hours = Seconds / 3600;
  uint64_t Days = Hours / 24;
  std::string Text;
  if (Days == 0) {
    char Buf[48];
    std::snprintf(Buf, sizeof(Buf), "%llu:%02llu hours",
                  static_cast<unsigned long long>(Hours),
                  static_cast<unsigned long long>(Minutes));
    Text = Buf;
  } else if (Days == 1) {
    Text = "1 day";
  } else {
    Text = std::to_string(Days) + " days";
  }
  Json Out = Json::object();
  Out["days"] = Days;
  Out["hours"] = Hours;
  Out["seconds"] = Seconds;
  Out["uptime"] = Text;
  return Out;
}

} // namespace cppet::facts
