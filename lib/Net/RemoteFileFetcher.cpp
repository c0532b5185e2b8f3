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

#include <algorithm>

using namespace cppet;
using namespace cppet::net;

bool cppet::net::isRelativeInsideTree(llvm::StringRef Rel) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Rel.split(Parts, '/');
  return !Rel.startswith("/") && llvm::none_of(Parts, [](llvm::StringRef P) {
    return P.empty() || P == "." || P == "..";
  });
}

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

/// The "{sha256}HEX" of a metadata entry as lower-case hex, or "".
static std::string sha256Of(const catalog::Json &Meta) {
  if (!Meta.contains("checksum") || !Meta["checksum"].is_object())
    return "";
  std::string Value = Meta["checksum"].value("value", std::string());
  llvm::StringRef Sum = Value;
  if (!Sum.consume_front("{sha256}") || Sum.size() != 64 ||
      !llvm::all_of(Sum, llvm::isHexDigit))
    return "";
  return Sum.lower();
}

llvm::Expected<std::string> RemoteFileFetcher::blob(llvm::StringRef Source,
                                                    const std::string &Hex) {
  std::string Path = CacheDir + "/" + Hex;
  auto Cached = readFile(Path);
  bool Good = Cached && sha256Hex(*Cached) == Hex;
  if (!Cached)
    llvm::consumeError(Cached.takeError());
  if (!Good) {
    auto Body = fetch(Source);
    if (!Body)
      return Body.takeError();
    if (sha256Hex(*Body) != Hex)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     Source + " changed while it was read");
    if (std::error_code EC = llvm::sys::fs::create_directories(CacheDir))
      return llvm::createStringError(EC, "Could not create " + CacheDir);
    if (llvm::Error E = writeFileAtomically(Path, *Body, 0600))
      return E;
  }
  Used.insert(Path);
  return Path;
}

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
  std::string Type = Meta->value("type", std::string());
  if (Type == "directory") {
    auto Tree = mirror(Source);
    if (!Tree)
      llvm::consumeError(Tree.takeError());
    else
      Out = *Tree;
    return Out;
  }
  std::string Hex = sha256Of(*Meta);
  if (Type != "file" || Hex.empty())
    return Out;
  auto Path = blob(Source, Hex);
  if (!Path)
    llvm::consumeError(Path.takeError());
  else
    Out = *Path;
  return Out;
}

/// A directory source (recurse): a local copy of the server's tree under
/// CacheDir/trees/, exactly what file_metadatas lists (files from the
/// SHA256 cache, so unchanged ones are not fetched again), for the file
/// type's recursion to walk.
llvm::Expected<std::string> RemoteFileFetcher::mirror(llvm::StringRef Source) {
  auto L = locate(Source);
  if (!L)
    return L.takeError();
  auto R = expectOk(L->Server->get(
      "/puppet/v3/file_metadatas/" + pathEncode(L->Path) +
          "?recurse=true&max_files=0&links=manage&checksum_type=sha256"
          "&source_permissions=ignore&environment=" +
          formEncode(Environment),
      AcceptJson));
  if (!R)
    return R.takeError();
  catalog::Json Entries = catalog::Json::parse(R->Body, nullptr, false);
  if (!Entries.is_array())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "Invalid file_metadatas for " + Source);
  std::string Root = CacheDir + "/trees/" +
                     sha256Hex(Environment + "\n" + Source.str()).substr(0, 32);
  if (std::error_code EC = llvm::sys::fs::create_directories(Root))
    return llvm::createStringError(EC, "Could not create " + Root);
  std::set<std::string> Listed;
  std::string Base = Source.str();
  while (!Base.empty() && Base.back() == '/')
    Base.pop_back();
  for (const catalog::Json &E : Entries) {
    if (!E.is_object() || !E.contains("relative_path") ||
        !E["relative_path"].is_string())
      continue;
    std::string Rel = E["relative_path"].get<std::string>();
    if (Rel == ".")
      continue;
    if (!isRelativeInsideTree(Rel))
      continue; // never outside the tree
    std::string Path = Root + "/";
    Path += Rel;
    std::string Type = E.value("type", std::string());
    if (Type == "directory") {
      if (!llvm::sys::fs::is_directory(Path)) {
        llvm::sys::fs::remove(Path);
        if (std::error_code EC = llvm::sys::fs::create_directories(Path))
          return llvm::createStringError(EC, "Could not create " + Path);
      }
      Listed.insert(Path);
      continue;
    }
    std::string Hex = sha256Of(E);
    if (Type != "file" || Hex.empty())
      continue; // links are not mirrored
    auto Blob = blob((llvm::Twine(Base) + "/" + Rel).str(), Hex);
    if (!Blob)
      return Blob.takeError();
    auto Have = readFile(Path);
    bool Same = Have && sha256Hex(*Have) == Hex;
    if (!Have)
      llvm::consumeError(Have.takeError());
    if (!Same) {
      if (llvm::sys::fs::is_directory(Path))
        llvm::sys::fs::remove_directories(Path);
      auto Content = readFile(*Blob);
      if (!Content)
        return Content.takeError();
      if (llvm::Error Err = writeFileAtomically(Path, *Content, 0600))
        return Err;
    }
    Listed.insert(Path);
  }
  // What the server no longer lists goes (deepest first).
  std::vector<std::string> Local;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Root, EC), End;
       !EC && It != End; It.increment(EC))
    Local.push_back(It->path());
  std::sort(Local.rbegin(), Local.rend());
  for (const std::string &P : Local)
    if (!Listed.count(P)) {
      if (llvm::sys::fs::is_directory(P))
        llvm::sys::fs::remove_directories(P);
      else
        llvm::sys::fs::remove(P);
    }
  Used.insert(Root);
  return Root;
}

void RemoteFileFetcher::prune() {
  std::error_code EC;
  std::vector<std::string> Stale;
  for (llvm::sys::fs::directory_iterator It(CacheDir, EC), End;
       !EC && It != End; It.increment(EC))
    if (llvm::sys::path::filename(It->path()) != "trees" &&
        !Used.count(It->path()))
      Stale.push_back(It->path());
  for (llvm::sys::fs::directory_iterator It(CacheDir + "/trees", EC), End;
       !EC && It != End; It.increment(EC))
    if (!Used.count(It->path()))
      Stale.push_back(It->path());
  for (const std::string &P : Stale) {
    if (llvm::sys::fs::is_directory(P))
      llvm::sys::fs::remove_directories(P);
    else
      llvm::sys::fs::remove(P);
  }
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
    return Failed(
        llvm::createStringError(llvm::inconvertibleErrorCode(),
                                "the directory source could not be mirrored"));
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
