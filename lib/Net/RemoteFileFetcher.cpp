//===- RemoteFileFetcher.cpp - puppet:/// sources from the server ---------===//
//
// shared/docs/puppet-wire-protocol.md section 1.5: `puppet:///MOUNT/PATH`
// is GET /puppet/v3/file_metadata/MOUNT/PATH (links=manage,
// checksum_type=sha256, source_permissions=ignore) and then
// /puppet/v3/file_content/MOUNT/PATH, both with the run's environment, on
// the agent's server; `puppet://HOST[:PORT]/...` asks HOST instead (with
// the same credentials).
//
//===----------------------------------------------------------------------===//
#include "cppet/Net/Agent.h"

#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

using namespace cppet;
using namespace cppet::net;

std::string net::sha256Hex(llvm::StringRef Data) {
  auto Digest = llvm::SHA256::hash(llvm::ArrayRef<uint8_t>(
      reinterpret_cast<const uint8_t *>(Data.data()), Data.size()));
  return llvm::toHex(Digest, /*LowerCase=*/true);
}

RemoteFileFetcher::RemoteFileFetcher(const AgentConfig &Config, Client &Default,
                                     std::string Environment,
                                     std::string CacheDir)
    : Config(Config), Default(Default), Environment(std::move(Environment)),
      CacheDir(std::move(CacheDir)) {}

RemoteFileFetcher::~RemoteFileFetcher() = default;

std::optional<std::string>
RemoteFileFetcher::localPath(llvm::StringRef Source) {
  if (auto It = Resolved.find(Source); It != Resolved.end())
    return It->second;
  std::optional<std::string> &Out = Resolved[Source.str()];
  if (CacheDir.empty())
    return Out;
  auto Meta = metadata(Source);
  if (!Meta) {
    llvm::consumeError(Meta.takeError());
    return Out;
  }
  if (Meta->value("type", std::string()) != "file" ||
      !Meta->contains("checksum") || !(*Meta)["checksum"].is_object())
    return Out;
  std::string Value = (*Meta)["checksum"].value("value", std::string());
  llvm::StringRef Sum = Value;
  if (!Sum.consume_front("{sha256}") || Sum.size() != 64 ||
      !llvm::all_of(Sum, llvm::isHexDigit))
    return Out;
  std::string Hex = Sum.lower();
  std::string Path = CacheDir + "/" + Hex;
  auto Cached = readFile(Path);
  bool Good = Cached && sha256Hex(*Cached) == Hex;
  if (!Cached)
    llvm::consumeError(Cached.takeError());
  if (!Good) {
    auto Body = fetch(Source);
    if (!Body) {
      llvm::consumeError(Body.takeError());
      return Out;
    }
    if (sha256Hex(*Body) != Hex)
      return Out; // changed in between: content() reads it again
    if (llvm::sys::fs::create_directories(CacheDir))
      return Out;
    if (llvm::Error E = writeFileAtomically(Path, *Body, 0600)) {
      llvm::consumeError(std::move(E));
      return Out;
    }
  }
  Used.insert(Path);
  Out = Path;
  return Out;
}

void RemoteFileFetcher::prune() {
  std::error_code EC;
  std::vector<std::string> Stale;
  for (llvm::sys::fs::directory_iterator It(CacheDir, EC), End;
       !EC && It != End; It.increment(EC))
    if (!Used.count(It->path()))
      Stale.push_back(It->path());
  for (const std::string &P : Stale)
    llvm::sys::fs::remove(P);
}

llvm::Expected<RemoteFileFetcher::Location>
RemoteFileFetcher::locate(llvm::StringRef Source) {
  llvm::StringRef Rest = Source;
  if (!Rest.consume_front("puppet://"))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "Not a puppet:// source: " + Source);
  auto [Authority, Path] = Rest.split('/');
  Location L{&Default, Path.ltrim('/').str()};
  if (Authority.empty())
    return L;
  std::string Host = Authority.str();
  int Port = Config.Port;
  if (size_t Colon = Authority.rfind(':'); Colon != llvm::StringRef::npos) {
    unsigned P = 0;
    if (Authority.substr(Colon + 1).getAsInteger(10, P) || P == 0 || P > 65535)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "Invalid port in " + Source);
    Host = Authority.substr(0, Colon).str();
    Port = static_cast<int>(P);
  }
  if (Host == Default.options().Host && Port == Default.options().Port)
    return L;
  std::string Key = Host + ":" + std::to_string(Port);
  auto It = Others.find(Key);
  if (It == Others.end()) {
    auto Cli = agentClient(Config, Host, Port);
    if (!Cli)
      return Cli.takeError();
    It = Others.emplace(Key, std::move(*Cli)).first;
  }
  L.Server = It->second.get();
  return L;
}

llvm::Expected<catalog::Json>
RemoteFileFetcher::metadata(llvm::StringRef Source) {
  auto L = locate(Source);
  if (!L)
    return L.takeError();
  auto R = expectOk(L->Server->get(
      "/puppet/v3/file_metadata/" + pathEncode(L->Path) +
          "?links=manage&checksum_type=sha256&source_permissions=ignore"
          "&environment=" +
          formEncode(Environment),
      AcceptJson));
  if (!R)
    return R.takeError();
  catalog::Json J = catalog::Json::parse(R->Body, nullptr, false);
  if (!J.is_object())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "Invalid file_metadata for " + Source);
  return J;
}

llvm::Expected<std::string> RemoteFileFetcher::content(llvm::StringRef Source) {
  auto Failed = [&](llvm::Error E) {
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "Could not retrieve information from environment " + Environment +
            " source(s) " + Source + ": " + llvm::toString(std::move(E)));
  };
  auto Meta = metadata(Source);
  if (!Meta)
    return Failed(Meta.takeError());
  auto Type = Meta->find("type");
  if (Type != Meta->end() && Type->is_string() && *Type == "directory")
    return Failed(llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "the source is a directory (recursive remote sources are not "
        "supported yet)"));
  auto Body = fetch(Source);
  if (!Body)
    return Failed(Body.takeError());
  return Body;
}

llvm::Expected<std::string> RemoteFileFetcher::fetch(llvm::StringRef Source) {
  auto L = locate(Source);
  if (!L)
    return L.takeError();
  auto R =
      expectOk(L->Server->get("/puppet/v3/file_content/" + pathEncode(L->Path) +
                                  "?environment=" + formEncode(Environment),
                              AcceptBinary));
  if (!R)
    return R.takeError();
  return std::move(R->Body);
}
