//===- Catalog.cpp --------------------------------------------------------===//
#include "cppet/Catalog/Catalog.h"

#include <cctype>

using namespace cppet;
using namespace cppet::catalog;

const char *catalog::resourceKindName(ResourceKind K) {
  switch (K) {
  case ResourceKind::CompilableType:
    return "compilable_type";
  case ResourceKind::DefinedType:
    return "defined_type";
  case ResourceKind::Unknown:
    return "unknown";
  case ResourceKind::None:
    break;
  }
  return "";
}

bool catalog::isValidTag(const std::string &Tag) {
  if (Tag.empty())
    return false;
  auto IsWord = [](unsigned char C) {
    return std::isalnum(C) || C == '_' || C >= 0x80;
  };
  if (!IsWord(static_cast<unsigned char>(Tag[0])))
    return false;
  for (unsigned char C : Tag)
    if (!IsWord(C) && C != ':' && C != '.' && C != '-')
      return false;
  return true;
}

Json Catalog::toJson() const {
  Json J = Json::object();
  J["tags"] = Tags;
  J["name"] = Name;
  J["version"] = Version;
  J["code_id"] = CodeId.empty() ? Json(nullptr) : Json(CodeId);
  J["catalog_uuid"] = CatalogUuid;
  J["catalog_format"] = 2;
  J["environment"] = Environment;
  Json Res = Json::array();
  for (const Resource &R : Resources) {
    Json O = Json::object();
    O["type"] = R.Type;
    O["title"] = R.Title;
    O["tags"] = R.Tags;
    if (!R.File.empty()) {
      O["file"] = R.File;
      O["line"] = R.Line;
    }
    O["exported"] = R.Exported;
    if (R.Kind != ResourceKind::None)
      O["kind"] = resourceKindName(R.Kind);
    if (!R.Parameters.empty())
      O["parameters"] = R.Parameters;
    if (!R.SensitiveParameters.empty())
      O["sensitive_parameters"] = R.SensitiveParameters;
    Res.push_back(std::move(O));
  }
  J["resources"] = std::move(Res);
  Json Edges = Json::array();
  for (const Edge &E : this->Edges)
    Edges.push_back({{"source", E.Source}, {"target", E.Target}});
  J["edges"] = std::move(Edges);
  J["classes"] = Classes;
  return J;
}

static llvm::Error malformed(const char *What) {
  return llvm::createStringError(std::errc::invalid_argument,
                                 "malformed catalog: %s", What);
}

llvm::Expected<Catalog> Catalog::fromJson(const Json &J) {
  if (!J.is_object())
    return malformed("not a JSON object");
  Catalog C;
  auto Str = [&](const char *Key, std::string &Out) {
    auto It = J.find(Key);
    if (It != J.end() && It->is_string())
      Out = It->get<std::string>();
  };
  Str("name", C.Name);
  Str("environment", C.Environment);
  Str("code_id", C.CodeId);
  Str("catalog_uuid", C.CatalogUuid);
  if (auto It = J.find("version"); It != J.end()) {
    if (It->is_number_integer())
      C.Version = It->get<int64_t>();
    else if (It->is_string())
      C.Version = std::strtoll(It->get<std::string>().c_str(), nullptr, 10);
  }
  auto Strings = [&](const char *Key, std::vector<std::string> &Out) {
    auto It = J.find(Key);
    if (It == J.end() || !It->is_array())
      return;
    for (const Json &E : *It)
      if (E.is_string())
        Out.push_back(E.get<std::string>());
  };
  Strings("tags", C.Tags);
  Strings("classes", C.Classes);
  auto ResIt = J.find("resources");
  if (ResIt == J.end() || !ResIt->is_array())
    return malformed("no resources array");
  for (const Json &RJ : *ResIt) {
    if (!RJ.is_object() || !RJ.contains("type") || !RJ.contains("title") ||
        !RJ["type"].is_string())
      return malformed("resource without type or title");
    Resource R;
    R.Type = RJ["type"].get<std::string>();
    R.Title = RJ["title"].is_string() ? RJ["title"].get<std::string>()
                                      : RJ["title"].dump();
    if (auto It = RJ.find("tags"); It != RJ.end() && It->is_array())
      for (const Json &T : *It)
        if (T.is_string())
          R.Tags.push_back(T.get<std::string>());
    if (auto It = RJ.find("file"); It != RJ.end() && It->is_string())
      R.File = It->get<std::string>();
    if (auto It = RJ.find("line"); It != RJ.end() && It->is_number_unsigned())
      R.Line = It->get<unsigned>();
    if (auto It = RJ.find("exported"); It != RJ.end() && It->is_boolean())
      R.Exported = It->get<bool>();
    if (auto It = RJ.find("kind"); It != RJ.end() && It->is_string()) {
      const std::string &K = It->get_ref<const std::string &>();
      R.Kind = K == "compilable_type" ? ResourceKind::CompilableType
               : K == "defined_type"  ? ResourceKind::DefinedType
                                      : ResourceKind::Unknown;
    }
    if (auto It = RJ.find("parameters"); It != RJ.end() && It->is_object())
      R.Parameters = *It;
    if (auto It = RJ.find("sensitive_parameters");
        It != RJ.end() && It->is_array())
      for (const Json &T : *It)
        if (T.is_string())
          R.SensitiveParameters.push_back(T.get<std::string>());
    C.Resources.push_back(std::move(R));
  }
  if (auto It = J.find("edges"); It != J.end() && It->is_array())
    for (const Json &E : *It)
      if (E.is_object() && E.contains("source") && E.contains("target") &&
          E["source"].is_string() && E["target"].is_string())
        C.Edges.push_back(
            {E["source"].get<std::string>(), E["target"].get<std::string>()});
  return C;
}

//===----------------------------------------------------------------------===//
// Streaming JSON writer
//===----------------------------------------------------------------------===//

static void writeString(llvm::raw_ostream &OS, llvm::StringRef S) {
  OS << '"';
  size_t Start = 0;
  for (size_t I = 0; I < S.size(); ++I) {
    unsigned char C = static_cast<unsigned char>(S[I]);
    if (C >= 0x20 && C != '"' && C != '\\')
      continue;
    OS << S.slice(Start, I);
    Start = I + 1;
    switch (C) {
    case '"':
      OS << "\\\"";
      break;
    case '\\':
      OS << "\\\\";
      break;
    case '\n':
      OS << "\\n";
      break;
    case '\r':
      OS << "\\r";
      break;
    case '\t':
      OS << "\\t";
      break;
    case '\b':
      OS << "\\b";
      break;
    case '\f':
      OS << "\\f";
      break;
    default: {
      char Buf[8];
      std::snprintf(Buf, sizeof(Buf), "\\u%04x", C);
      OS << Buf;
    }
    }
  }
  OS << S.substr(Start) << '"';
}

static void newline(llvm::raw_ostream &OS, int Indent, int Depth) {
  if (Indent < 0)
    return;
  OS << '\n';
  OS.indent(Indent * Depth);
}

void catalog::writeJsonValue(llvm::raw_ostream &OS, const Json &J, int Indent,
                             int Depth) {
  switch (J.type()) {
  case Json::value_t::null:
  case Json::value_t::discarded:
    OS << "null";
    return;
  case Json::value_t::boolean:
    OS << (J.get<bool>() ? "true" : "false");
    return;
  case Json::value_t::number_integer:
    OS << J.get<int64_t>();
    return;
  case Json::value_t::number_unsigned:
    OS << J.get<uint64_t>();
    return;
  case Json::value_t::number_float:
    OS << J.dump();
    return;
  case Json::value_t::string:
    writeString(OS, J.get_ref<const std::string &>());
    return;
  case Json::value_t::array: {
    if (J.empty()) {
      OS << "[]";
      return;
    }
    OS << '[';
    bool First = true;
    for (const Json &E : J) {
      if (!First)
        OS << ',';
      First = false;
      newline(OS, Indent, Depth + 1);
      writeJsonValue(OS, E, Indent, Depth + 1);
    }
    newline(OS, Indent, Depth);
    OS << ']';
    return;
  }
  case Json::value_t::object: {
    if (J.empty()) {
      OS << "{}";
      return;
    }
    OS << '{';
    bool First = true;
    for (auto It = J.begin(); It != J.end(); ++It) {
      if (!First)
        OS << ',';
      First = false;
      newline(OS, Indent, Depth + 1);
      writeString(OS, It.key());
      OS << (Indent < 0 ? ":" : ": ");
      writeJsonValue(OS, It.value(), Indent, Depth + 1);
    }
    newline(OS, Indent, Depth);
    OS << '}';
    return;
  }
  case Json::value_t::binary:
    OS << "null";
    return;
  }
}

namespace {
/// Writes an object's members one by one.
class ObjectWriter {
public:
  ObjectWriter(llvm::raw_ostream &OS, int Indent, int Depth)
      : OS(OS), Indent(Indent), Depth(Depth) {
    OS << '{';
  }
  void key(llvm::StringRef K) {
    if (!First)
      OS << ',';
    First = false;
    newline(OS, Indent, Depth + 1);
    writeString(OS, K);
    OS << (Indent < 0 ? ":" : ": ");
  }
  void string(llvm::StringRef K, llvm::StringRef V) {
    key(K);
    writeString(OS, V);
  }
  void strings(llvm::StringRef K, const std::vector<std::string> &V) {
    key(K);
    if (V.empty()) {
      OS << "[]";
      return;
    }
    OS << '[';
    for (size_t I = 0; I < V.size(); ++I) {
      if (I)
        OS << ',';
      newline(OS, Indent, Depth + 2);
      writeString(OS, V[I]);
    }
    newline(OS, Indent, Depth + 1);
    OS << ']';
  }
  void close() {
    newline(OS, Indent, Depth);
    OS << '}';
  }
  int depth() const { return Depth; }

private:
  llvm::raw_ostream &OS;
  int Indent;
  int Depth;
  bool First = true;
};
} // namespace

void Catalog::writeJson(llvm::raw_ostream &OS, int Indent) const {
  ObjectWriter Top(OS, Indent, 0);
  Top.strings("tags", Tags);
  Top.string("name", Name);
  Top.key("version");
  OS << Version;
  Top.key("code_id");
  if (CodeId.empty())
    OS << "null";
  else
    writeString(OS, CodeId);
  Top.string("catalog_uuid", CatalogUuid);
  Top.key("catalog_format");
  OS << 2;
  Top.string("environment", Environment);
  Top.key("resources");
  OS << '[';
  for (size_t I = 0; I < Resources.size(); ++I) {
    const Resource &R = Resources[I];
    if (I)
      OS << ',';
    newline(OS, Indent, 2);
    ObjectWriter O(OS, Indent, 2);
    O.string("type", R.Type);
    O.string("title", R.Title);
    O.strings("tags", R.Tags);
    if (!R.File.empty()) {
      O.string("file", R.File);
      O.key("line");
      OS << R.Line;
    }
    O.key("exported");
    OS << (R.Exported ? "true" : "false");
    if (R.Kind != ResourceKind::None)
      O.string("kind", resourceKindName(R.Kind));
    if (!R.Parameters.empty()) {
      O.key("parameters");
      writeJsonValue(OS, R.Parameters, Indent, 3);
    }
    if (!R.SensitiveParameters.empty())
      O.strings("sensitive_parameters", R.SensitiveParameters);
    O.close();
  }
  if (!Resources.empty())
    newline(OS, Indent, 1);
  OS << ']';
  Top.key("edges");
  OS << '[';
  for (size_t I = 0; I < Edges.size(); ++I) {
    if (I)
      OS << ',';
    newline(OS, Indent, 2);
    ObjectWriter O(OS, Indent, 2);
    O.string("source", Edges[I].Source);
    O.string("target", Edges[I].Target);
    O.close();
  }
  if (!Edges.empty())
    newline(OS, Indent, 1);
  OS << ']';
  Top.strings("classes", Classes);
  Top.close();
}
