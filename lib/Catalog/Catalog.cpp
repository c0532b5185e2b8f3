//===- Catalog.cpp --------------------------------------------------------===//
#include "cppet/Catalog/Catalog.h"

#include <cctype>

using namespace cppet;
using namespace cppet::catalog;

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
