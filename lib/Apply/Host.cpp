//===- Host.cpp - the host type (parsed provider)
//--------------------------===//
//
// A host resource is the first entry with its name in its target file
// (default /etc/hosts). The file is read when the resource is synced,
// changed in memory property by property and, when something changed,
// replaced atomically (temporary file in the same directory, fsync,
// rename), keeping every line the resource does not own as it was.
//
//===----------------------------------------------------------------------===//
#include "HostsFile.h"
#include "Types.h"

#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"

#include <ctime>

using namespace llvm;

namespace cppet::apply {
namespace {

std::string targetOf(const ResourceView &R) {
  return R.str("target", "/etc/hosts");
}

std::string nowText() {
  std::time_t T = std::time(nullptr);
  std::tm Tm;
  ::localtime_r(&T, &Tm);
  char Buf[64];
  std::strftime(Buf, sizeof(Buf), "%Y-%m-%d %H:%M:%S %z", &Tm);
  return Buf;
}

/// The file's contents; a missing file reads as empty (it is created).
Expected<HostsFile> readHosts(StringRef Path) {
  if (!sys::fs::exists(Path))
    return HostsFile();
  Expected<std::string> Text = readFile(Path);
  if (!Text)
    return Text.takeError();
  return HostsFile::parse(*Text);
}

class HostType final : public ResourceType {
public:
  StringRef name() const override { return "host"; }
  std::vector<StringRef> parameters() const override {
    return {"name",    "ensure", "ip",      "host_aliases",
            "comment", "target", "provider"};
  }
  std::string provider(const ResourceView &R) const override {
    (void)R;
    return "parsed";
  }
  Error validate(const ResourceView &R) const override;
  void sync(ResourceRun &Run) override;
  Expected<Json> retrieve(const ResourceView &R, Context &Ctx) override;
  Expected<std::vector<std::string>> instances(Context &Ctx) override;
};

Error HostType::validate(const ResourceView &R) const {
  if (!isValidHostName(R.name()))
    return parameterError(R, "name",
                          R.name().find_first_of("\r\n") != std::string::npos
                              ? "Hostname cannot include newline"
                              : "Invalid host name");
  if (Error E = checkValue(R, "ensure", {"present", "absent"}))
    return E;
  if (R.has("provider") && R.str("provider") != "parsed")
    return parameterError(R, "provider",
                          "Invalid host provider '" + R.str("provider") + "'");
  if (R.has("ip") && !isValidHostIp(R.str("ip")))
    return parameterError(R, "ip",
                          "Invalid IP address \"" + R.str("ip") + "\"");
  for (const std::string &A : R.list("host_aliases")) {
    if (StringRef(A).find_first_of(" \t\r\n") != StringRef::npos)
      return parameterError(R, "host_aliases",
                            "Host aliases cannot include whitespace");
    if (A.empty())
      return parameterError(
          R, "host_aliases",
          "Host aliases cannot be an empty string. Use an empty "
          "array to delete all host_aliases ");
  }
  if (R.has("comment") &&
      StringRef(R.str("comment")).find_first_of("\r\n") != StringRef::npos)
    return parameterError(R, "comment", "Comment cannot include newline");
  if (R.has("target") && !StringRef(R.str("target")).startswith("/"))
    return parameterError(R, "target",
                          "File paths must be fully qualified, not '" +
                              R.str("target") + "'");
  return Error::success();
}

void HostType::sync(ResourceRun &Run) {
  const ResourceView &R = Run.resource();
  bool Managed = R.has("ensure") || R.has("ip") || R.has("host_aliases") ||
                 R.has("comment");
  if (!Managed)
    return;
  std::string Target = targetOf(R);
  Expected<HostsFile> File = readHosts(Target);
  if (!File) {
    Run.fail("Could not evaluate: " + toString(File.takeError()));
    return;
  }
  HostsLine *Line = File->find(R.name());
  bool Dirty = false;
  if (R.str("ensure", "present") == "absent") {
    if (Line)
      Dirty = Run.change(
          "ensure", "present", "absent",
          [&]() -> Error {
            File->remove(Line);
            return Error::success();
          },
          "removed", "host_removed");
  } else if (!Line) {
    Dirty = Run.change(
        "ensure", "absent", "present",
        [&]() -> Error {
          if (!R.has("ip"))
            return createStringError(inconvertibleErrorCode(),
                                     "ip is a required attribute for hosts");
          HostEntry E;
          E.Ip = R.str("ip");
          E.Name = R.name();
          E.Aliases = R.list("host_aliases");
          E.Comment = R.str("comment");
          File->append(std::move(E));
          return Error::success();
        },
        "created", "host_created");
  } else {
    HostEntry &E = *Line->Entry;
    auto Modified = [&]() -> Error {
      Line->Modified = true;
      return Error::success();
    };
    if (R.has("ip") && E.Ip != R.str("ip"))
      Run.change("ip", E.Ip, R.str("ip"), [&]() -> Error {
        E.Ip = R.str("ip");
        return Modified();
      });
    if (R.has("host_aliases")) {
      std::vector<std::string> Want = R.list("host_aliases");
      if (E.Aliases != Want) {
        // Puppet's words: the current list bare, the new one quoted; from
        // no aliases, "defined 'host_aliases' as ...".
        std::string Is = E.Aliases.empty() ? "absent" : join(E.Aliases, " ");
        std::string Should = join(Want, " ");
        Run.change(
            "host_aliases", Is, Should,
            [&]() -> Error {
              E.Aliases = Want;
              return Modified();
            },
            E.Aliases.empty()
                ? "defined 'host_aliases' as '" + Should + "'"
                : "host_aliases changed " + Is + " to '" + Should + "'");
      }
    }
    if (R.has("comment") && E.Comment != R.str("comment"))
      Run.change("comment", E.Comment, R.str("comment"), [&]() -> Error {
        E.Comment = R.str("comment");
        return Modified();
      });
    Dirty = Line->Modified;
  }
  if (!Dirty || Run.noop())
    return;
  if (Error E = writeHostsFile(Target, File->render(nowText())))
    Run.fail("Could not write " + Target + ": " + toString(std::move(E)));
}

Expected<Json> HostType::retrieve(const ResourceView &R, Context &Ctx) {
  (void)Ctx;
  Expected<HostsFile> File = readHosts(targetOf(R));
  if (!File)
    return File.takeError();
  Json Out = Json::object();
  const HostsLine *Line = File->find(R.name());
  if (!Line) {
    Out["ensure"] = "absent";
    Out["provider"] = "parsed";
    return Out;
  }
  const HostEntry &E = *Line->Entry;
  Out["ensure"] = "present";
  Out["provider"] = "parsed";
  if (!E.Comment.empty())
    Out["comment"] = E.Comment;
  if (!E.Aliases.empty())
    Out["host_aliases"] = E.Aliases;
  Out["ip"] = E.Ip;
  Out["target"] = targetOf(R);
  return Out;
}

Expected<std::vector<std::string>> HostType::instances(Context &Ctx) {
  (void)Ctx;
  Expected<HostsFile> File = readHosts("/etc/hosts");
  if (!File)
    return File.takeError();
  std::vector<std::string> Out;
  for (const HostsLine &L : File->Lines)
    if (L.Entry && !llvm::is_contained(Out, L.Entry->Name))
      Out.push_back(L.Entry->Name);
  return Out;
}

} // namespace

std::unique_ptr<ResourceType> makeHostType() {
  return std::make_unique<HostType>();
}
} // namespace cppet::apply
