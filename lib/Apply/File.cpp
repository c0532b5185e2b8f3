//===- File.cpp - the file type
//---------------------------------------------===//
//
// ensure file/directory/link/absent/present, content, source (local paths,
// file:// and puppet:/// through the FileFetcher), mode (octal and
// symbolic), owner, group, target, replace, force, backup (to the local
// filebucket or a suffix), checksum, recurse/recurselimit/purge/ignore,
// validate_cmd. Every write replaces the file atomically.
//
// Recursion is done inside the resource: the files it finds are synced as
// resources of their own (their log lines carry their own File[...] path,
// as Puppet's generated resources do) and their events are recorded on the
// recursing resource.
//
//===----------------------------------------------------------------------===//
#include "FileUtil.h"
#include "Types.h"

#include "cppet/Apply/Filebucket.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fnmatch.h>
#include <map>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

using namespace llvm;

namespace cppet::apply {
namespace {

Error sysError(const Twine &What) {
  return createStringError(std::error_code(errno, std::generic_category()),
                           What + ": " + std::strerror(errno));
}

enum class Kind { Missing, File, Directory, Link, Other };

StringRef kindName(Kind K) {
  switch (K) {
  case Kind::Missing:
    return "absent";
  case Kind::File:
    return "file";
  case Kind::Directory:
    return "directory";
  case Kind::Link:
    return "link";
  case Kind::Other:
    return "file";
  }
  return "absent";
}

struct Stat {
  Kind K = Kind::Missing;
  unsigned Mode = 0;
  uid_t Uid = 0;
  gid_t Gid = 0;
  time_t Mtime = 0;
};

Stat statPath(const std::string &Path, bool Follow) {
  struct stat St;
  Stat S;
  if ((Follow ? ::stat(Path.c_str(), &St) : ::lstat(Path.c_str(), &St)) != 0)
    return S;
  S.K = S_ISREG(St.st_mode)   ? Kind::File
        : S_ISDIR(St.st_mode) ? Kind::Directory
        : S_ISLNK(St.st_mode) ? Kind::Link
                              : Kind::Other;
  S.Mode = St.st_mode & 07777;
  S.Uid = St.st_uid;
  S.Gid = St.st_gid;
  S.Mtime = St.st_mtime;
  return S;
}

std::string octal(unsigned Mode) {
  char Buf[8];
  snprintf(Buf, sizeof(Buf), "%04o", Mode & 07777);
  return Buf;
}

/// Removes a directory tree.
Error removeTree(const std::string &Path) {
  if (std::error_code EC = sys::fs::remove_directories(Path))
    return createStringError(EC,
                             "Could not remove " + Path + ": " + EC.message());
  return Error::success();
}

std::string sourcePathOf(StringRef Source, FileFetcher *Fetcher) {
  if (Source.startswith("/"))
    return Source.str();
  if (Source.consume_front("file://"))
    return Source.str();
  if (Source.startswith("puppet:") && Fetcher)
    if (std::optional<std::string> P = Fetcher->localPath(Source))
      return *P;
  return "";
}

class FileType final : public ResourceType {
public:
  StringRef name() const override { return "file"; }
  StringRef namevar() const override { return "path"; }
  std::vector<StringRef> parameters() const override {
    return {"path",
            "ensure",
            "content",
            "source",
            "mode",
            "owner",
            "group",
            "target",
            "replace",
            "force",
            "backup",
            "checksum",
            "checksum_value",
            "recurse",
            "recurselimit",
            "purge",
            "ignore",
            "links",
            "source_permissions",
            "sourceselect",
            "validate_cmd",
            "validate_replacement",
            "show_diff",
            "max_files",
            "provider",
            "selinux_ignore_defaults",
            "selrange",
            "selrole",
            "seltype",
            "seluser",
            "ctime",
            "mtime",
            "type"};
  }

  Error validate(const ResourceView &R) const override {
    std::string Path = R.name();
    if (!StringRef(Path).startswith("/"))
      return createStringError(inconvertibleErrorCode(),
                               "File paths must be fully qualified, not '" +
                                   Path + "'");
    std::string Ensure = R.str("ensure");
    if (!Ensure.empty() && !StringRef(Ensure).startswith("/") &&
        !is_contained(ArrayRef<StringRef>{"present", "absent", "file",
                                          "directory", "link"},
                      StringRef(Ensure)))
      return createStringError(inconvertibleErrorCode(),
                               "Invalid value \"" + Ensure +
                                   "\". Valid values are present, absent, "
                                   "file, directory, link");
    int Sources = R.has("content") + R.has("source") + R.has("target");
    if (Sources > 1 && !(R.has("target") && Sources == 1))
      if (R.has("content") && R.has("source"))
        return createStringError(
            inconvertibleErrorCode(),
            "You cannot specify more than one of content, source, target");
    if (R.has("mode"))
      if (auto M = parseFileMode(R.str("mode"), 0644, false); !M)
        return M.takeError();
    std::string Checksum = R.str("checksum", "sha256");
    if (!is_contained(ArrayRef<StringRef>{"sha256", "sha256lite", "md5",
                                          "md5lite", "sha1", "sha1lite",
                                          "sha224", "sha384", "sha512", "mtime",
                                          "ctime", "none"},
                      StringRef(Checksum)))
      return createStringError(inconvertibleErrorCode(), "Invalid value \"" +
                                                             Checksum +
                                                             "\" for checksum");
    return Error::success();
  }

  std::vector<std::string> autorequire(const ResourceView &R) const override {
    std::vector<std::string> Out;
    std::string Name = R.name();
    StringRef P = Name;
    while (P.size() > 1) {
      P = sys::path::parent_path(P);
      if (P.empty())
        break;
      Out.push_back("File[" + P.str() + "]");
      if (P == "/")
        break;
    }
    if (R.has("owner"))
      Out.push_back("User[" + R.str("owner") + "]");
    if (R.has("group"))
      Out.push_back("Group[" + R.str("group") + "]");
    return Out;
  }

  std::string provider(const ResourceView &R) const override {
    (void)R;
    return "posix";
  }

  void sync(ResourceRun &Run) override;

  Expected<Json> retrieve(const ResourceView &R, Context &Ctx) override {
    (void)Ctx;
    std::string Path = R.name();
    Stat S = statPath(Path, false);
    Json J = Json::object();
    J["ensure"] = kindName(S.K).str();
    if (S.K == Kind::Missing)
      return J;
    if (S.K == Kind::Link) {
      SmallString<256> Target;
      if (!sys::fs::real_path(Path, Target)) {
        char Buf[4096];
        ssize_t N = ::readlink(Path.c_str(), Buf, sizeof(Buf));
        if (N > 0)
          J["target"] = std::string(Buf, static_cast<size_t>(N));
      }
    }
    if (S.K == Kind::File)
      if (auto C = readFile(Path))
        J["content"] = checksum(*C);
    J["group"] = groupName(S.Gid);
    J["mode"] = octal(S.Mode);
    J["owner"] = userName(S.Uid);
    return J;
  }
};

/// The effective settings of one file (the resource itself, or a file found
/// by recursion, which inherits them).
struct Want {
  std::string Path;
  std::string Ensure; // "", present, absent, file, directory, link
  std::optional<std::string> Content;
  bool ContentSensitive = false;
  std::string SourcePath; // local path of the source, "" when none
  std::string SourceUrl;
  std::string Target;
  std::string Mode, Owner, Group;
  bool Replace = true, Force = false;
  std::string Backup = "puppet";
  std::string Checksum = "sha256";
  std::string ValidateCmd, ValidateReplacement = "%";
  bool FollowLinks = false;
};

class FileSync {
public:
  FileSync(ResourceRun &Run) : Run(Run), Ctx(Run.context()) {}
  void sync(const Want &W);
  void recurse(const Want &W, const ResourceView &R);

private:
  Error backup(const std::string &Path, const Want &W);
  Error writeContent(const Want &W, StringRef Content, const Stat &Old);
  Expected<std::string> desiredContent(const Want &W);
  void syncProperties(const Want &W, const Stat &S);

  ResourceRun &Run;
  Context &Ctx;
};

Expected<std::string> FileSync::desiredContent(const Want &W) {
  if (W.Content)
    return *W.Content;
  if (!W.SourcePath.empty())
    return readFile(W.SourcePath);
  if (!W.SourceUrl.empty() && Ctx.fetcher())
    return Ctx.fetcher()->content(W.SourceUrl);
  return std::string();
}

Error FileSync::backup(const std::string &Path, const Want &W) {
  if (W.Backup.empty() || W.Backup == "false")
    return Error::success();
  if (StringRef(W.Backup).startswith(".")) {
    auto C = readFile(Path);
    if (!C)
      return C.takeError();
    Stat S = statPath(Path, false);
    return writeFileAtomically(Path + W.Backup, *C, S.Mode, S.Uid, S.Gid);
  }
  Filebucket *B = Ctx.bucket();
  if (!B)
    return Error::success();
  auto Sum = B->backupFile(Path);
  if (!Sum)
    return Sum.takeError();
  Run.log(LogLevel::Info,
          "Filebucketed " + Path + " to " + W.Backup + " with sum " + *Sum);
  return Error::success();
}

Error FileSync::writeContent(const Want &W, StringRef Content,
                             const Stat &Old) {
  unsigned Mode = Old.K == Kind::File ? Old.Mode : 0644;
  if (!W.Mode.empty()) {
    auto M = parseFileMode(W.Mode, Mode, false);
    if (!M)
      return M.takeError();
    Mode = *M;
  }
  std::optional<uid_t> Uid;
  std::optional<gid_t> Gid;
  if (Old.K == Kind::File) {
    Uid = Old.Uid;
    Gid = Old.Gid;
  }
  if (!W.Owner.empty())
    Uid = lookupUid(W.Owner);
  if (!W.Group.empty())
    Gid = lookupGid(W.Group);
  if (!W.ValidateCmd.empty()) {
    // Validate a copy first: the real file is only replaced if it passes.
    std::string Tmp = W.Path + ".cppet-validate";
    if (Error E = writeFileAtomically(Tmp, Content, 0600))
      return E;
    auto Words = splitCommandLine(W.ValidateCmd);
    if (!Words) {
      ::unlink(Tmp.c_str());
      return Words.takeError();
    }
    for (std::string &Word : *Words) {
      size_t Pos;
      while ((Pos = Word.find(W.ValidateReplacement)) != std::string::npos)
        Word.replace(Pos, W.ValidateReplacement.size(), Tmp);
    }
    ProcessSpec Spec;
    Spec.Argv = *Words;
    auto Res = Ctx.run(Spec);
    ::unlink(Tmp.c_str());
    if (!Res)
      return Res.takeError();
    if (!Res->succeeded())
      return executionError(join(*Words, " "), *Res);
  }
  return writeFileAtomically(W.Path, Content, Mode, Uid, Gid);
}

void FileSync::syncProperties(const Want &W, const Stat &S) {
  if (S.K == Kind::Missing || Run.failed())
    return;
  bool Link = S.K == Kind::Link;
  if (!W.Owner.empty()) {
    std::optional<uid_t> Uid = lookupUid(W.Owner);
    if (!Uid) {
      Run.change("owner", userName(S.Uid), W.Owner, [&]() -> Error {
        return createStringError(inconvertibleErrorCode(),
                                 "Could not find user " + W.Owner);
      });
    } else if (*Uid != S.Uid) {
      Run.change("owner", userName(S.Uid), W.Owner, [&]() -> Error {
        if (::lchown(W.Path.c_str(), *Uid, static_cast<gid_t>(-1)) != 0)
          return sysError("Failed to set owner to '" + W.Owner + "'");
        return Error::success();
      });
    }
  }
  if (!W.Group.empty()) {
    std::optional<gid_t> Gid = lookupGid(W.Group);
    if (!Gid) {
      Run.change("group", groupName(S.Gid), W.Group, [&]() -> Error {
        return createStringError(inconvertibleErrorCode(),
                                 "Could not find group " + W.Group);
      });
    } else if (*Gid != S.Gid) {
      Run.change("group", groupName(S.Gid), W.Group, [&]() -> Error {
        if (::lchown(W.Path.c_str(), static_cast<uid_t>(-1), *Gid) != 0)
          return sysError("Failed to set group to '" + W.Group + "'");
        return Error::success();
      });
    }
  }
  if (!W.Mode.empty() && !Link) {
    auto M = parseFileMode(W.Mode, S.Mode, S.K == Kind::Directory);
    if (!M) {
      Run.fail(toString(M.takeError()));
      return;
    }
    if (*M != S.Mode)
      Run.change("mode", octal(S.Mode), octal(*M), [&]() -> Error {
        if (::chmod(W.Path.c_str(), *M) != 0)
          return sysError("failed to set mode " + octal(*M));
        return Error::success();
      });
  }
}

void FileSync::sync(const Want &W) {
  Stat S = statPath(W.Path, W.FollowLinks);
  std::string Ensure = W.Ensure;
  if (Ensure.empty()) {
    if (W.Content || !W.SourcePath.empty() || !W.SourceUrl.empty())
      Ensure = "file";
    else if (!W.Target.empty())
      Ensure = "link";
  }
  if (Ensure == "file" && !W.SourcePath.empty() &&
      statPath(W.SourcePath, true).K == Kind::Directory && W.Ensure.empty())
    Ensure = "directory";
  if (Ensure == "present")
    Ensure = S.K == Kind::Missing ? "file" : kindName(S.K).str();
  std::string Target = W.Target;
  if (StringRef(Ensure).startswith("/")) {
    Target = Ensure;
    Ensure = "link";
  }
  Json Current = kindName(S.K).str();

  // Removes what is in the way of the desired kind.
  auto ClearWay = [&]() -> Error {
    if (S.K == Kind::Directory) {
      if (!W.Force)
        return createStringError(inconvertibleErrorCode(),
                                 "Could not set '" + Ensure +
                                     "' on ensure: Is a directory " +
                                     "(use force => true to replace it)");
      return removeTree(W.Path);
    }
    if (S.K == Kind::File)
      if (Error E = backup(W.Path, W))
        return E;
    if (S.K != Kind::Missing && ::unlink(W.Path.c_str()) != 0)
      return sysError("Could not remove " + W.Path);
    return Error::success();
  };

  if (Ensure == "absent") {
    if (S.K == Kind::Missing)
      return;
    if (S.K == Kind::Directory && !W.Force) {
      Run.log(LogLevel::Notice,
              "Not removing directory; use 'force' to override");
      return;
    }
    Run.change(
        "ensure", Current, "absent",
        [&]() -> Error {
          if (S.K == Kind::Directory)
            return removeTree(W.Path);
          if (S.K == Kind::File)
            if (Error E = backup(W.Path, W))
              return E;
          if (::unlink(W.Path.c_str()) != 0)
            return sysError("Could not remove " + W.Path);
          return Error::success();
        },
        "removed", "file_removed");
    return;
  }

  if (Ensure == "file") {
    auto Content = desiredContent(W);
    if (!Content) {
      Run.fail("Could not evaluate: " + toString(Content.takeError()));
      return;
    }
    std::string Sum = checksum(*Content, W.Checksum == "md5" ? "md5" : "");
    if (S.K != Kind::File) {
      std::string Msg =
          S.K == Kind::Missing
              ? (Content->empty() && !W.Content && W.SourcePath.empty()
                     ? std::string("created")
                     : "defined content as '" + Sum + "'")
              : "ensure changed " + formatValue(Current) + " to 'file'";
      if (W.ContentSensitive && S.K == Kind::Missing)
        Msg = "changed [redacted] to [redacted]";
      bool Ok = Run.change(
          "ensure", Current, "file",
          [&]() -> Error {
            if (Error E = ClearWay())
              return E;
            return writeContent(W, *Content, Stat());
          },
          Msg, "file_created");
      if (Ok)
        S = statPath(W.Path, W.FollowLinks);
      else
        return;
    } else if (W.Replace && W.Checksum != "none") {
      auto Old = readFile(W.Path);
      if (!Old) {
        Run.fail(toString(Old.takeError()));
        return;
      }
      bool Differs = *Old != *Content;
      if (Differs && (W.Checksum == "mtime" || W.Checksum == "ctime") &&
          !W.SourcePath.empty())
        Differs = statPath(W.SourcePath, true).Mtime > S.Mtime;
      if (Differs) {
        std::string Algo = W.Checksum == "md5" ? "md5" : "";
        std::string OldSum = checksum(*Old, Algo);
        std::string Msg = "content changed '" + OldSum + "' to '" + Sum + "'";
        Json From = OldSum, To = Sum;
        if (W.ContentSensitive)
          Msg = "changed [redacted] to [redacted]";
        if (Run.change(
                "content", From, To,
                [&]() -> Error {
                  if (Error E = backup(W.Path, W))
                    return E;
                  return writeContent(W, *Content, S);
                },
                Msg, "content_changed"))
          S = statPath(W.Path, W.FollowLinks);
      }
    }
    syncProperties(W, S);
    return;
  }

  if (Ensure == "directory") {
    if (S.K != Kind::Directory) {
      unsigned Mode = 0755;
      if (!W.Mode.empty())
        if (auto M = parseFileMode(W.Mode, 0755, true))
          Mode = *M;
      bool Ok = Run.change(
          "ensure", Current, "directory",
          [&]() -> Error {
            if (Error E = ClearWay())
              return E;
            if (::mkdir(W.Path.c_str(), Mode) != 0)
              return sysError("Could not create directory " + W.Path);
            if (::chmod(W.Path.c_str(), Mode) != 0)
              return sysError("Could not set mode of " + W.Path);
            return Error::success();
          },
          S.K == Kind::Missing
              ? "created"
              : "ensure changed " + formatValue(Current) + " to 'directory'",
          "directory_created");
      if (!Ok)
        return;
      S = statPath(W.Path, W.FollowLinks);
    }
    syncProperties(W, S);
    return;
  }

  if (Ensure == "link") {
    if (Target.empty()) {
      Run.fail("Could not set 'link' on ensure: no target given");
      return;
    }
    if (S.K == Kind::Link) {
      char Buf[4096];
      ssize_t N = ::readlink(W.Path.c_str(), Buf, sizeof(Buf));
      std::string Old = N > 0 ? std::string(Buf, static_cast<size_t>(N)) : "";
      if (Old != Target)
        Run.change("target", Old, Target, [&]() -> Error {
          std::string Tmp = W.Path + ".cppet-link";
          ::unlink(Tmp.c_str());
          if (::symlink(Target.c_str(), Tmp.c_str()) != 0)
            return sysError("Could not create link " + W.Path);
          if (::rename(Tmp.c_str(), W.Path.c_str()) != 0)
            return sysError("Could not replace link " + W.Path);
          return Error::success();
        });
    } else {
      bool Ok = Run.change(
          "ensure", Current, "link",
          [&]() -> Error {
            if (Error E = ClearWay())
              return E;
            if (::symlink(Target.c_str(), W.Path.c_str()) != 0)
              return sysError("Could not create link " + W.Path);
            return Error::success();
          },
          S.K == Kind::Missing
              ? "created"
              : "ensure changed " + formatValue(Current) + " to 'link'",
          "link_created");
      if (!Ok)
        return;
    }
    syncProperties(W, statPath(W.Path, false));
    return;
  }

  // No ensure: only properties of what exists.
  syncProperties(W, S);
}

Want wantOf(const ResourceView &R, Context &Ctx) {
  Want W;
  W.Path = R.name();
  if (W.Path.size() > 1 && StringRef(W.Path).endswith("/"))
    W.Path.pop_back();
  W.Ensure = R.str("ensure");
  if (R.has("content")) {
    W.Content = R.str("content");
    const auto &Sens = R.resource().SensitiveParameters;
    W.ContentSensitive =
        std::find(Sens.begin(), Sens.end(), "content") != Sens.end();
  }
  for (const std::string &Src : R.list("source")) {
    std::string Local = sourcePathOf(Src, Ctx.fetcher());
    if (!Local.empty() && sys::fs::exists(Local)) {
      W.SourcePath = Local;
      W.SourceUrl = Src;
      break;
    }
    if (Local.empty() && W.SourceUrl.empty() && !StringRef(Src).startswith("/"))
      W.SourceUrl = Src; // fetched remotely
  }
  W.Target = R.str("target");
  W.Mode = R.str("mode");
  W.Owner = R.str("owner");
  W.Group = R.str("group");
  W.Replace = R.boolean("replace").value_or(true);
  W.Force = R.boolean("force").value_or(false);
  if (R.has("backup")) {
    std::optional<bool> B = R.boolean("backup");
    W.Backup = B && !*B ? "" : R.str("backup");
  }
  W.Checksum = R.str("checksum", "sha256");
  W.ValidateCmd = R.str("validate_cmd");
  W.ValidateReplacement = R.str("validate_replacement", "%");
  W.FollowLinks = R.str("links") == "follow";
  return W;
}

/// The directory entries of Dir (names only), sorted.
std::vector<std::string> listDir(const std::string &Dir) {
  std::vector<std::string> Out;
  if (DIR *D = ::opendir(Dir.c_str())) {
    while (struct dirent *E = ::readdir(D)) {
      StringRef N = E->d_name;
      if (N != "." && N != "..")
        Out.push_back(N.str());
    }
    ::closedir(D);
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

void FileSync::recurse(const Want &W, const ResourceView &R) {
  std::string Rec = R.str("recurse");
  if (Rec.empty() || Rec == "false")
    return;
  if (statPath(W.Path, true).K != Kind::Directory)
    return;
  int Limit = -1;
  if (R.has("recurselimit"))
    Limit = std::atoi(R.str("recurselimit").c_str());
  bool Purge = R.boolean("purge").value_or(false);
  std::vector<std::string> Ignore = R.list("ignore");
  auto Ignored = [&](const std::string &Name) {
    return any_of(Ignore, [&](const std::string &Pat) {
      return ::fnmatch(Pat.c_str(), Name.c_str(), 0) == 0;
    });
  };
  ResourceStatus &Parent = Run.status();
  std::function<void(const std::string &, const std::string &, int)> Walk =
      [&](const std::string &Dest, const std::string &Src, int Depth) {
        if (Limit >= 0 && Depth > Limit)
          return;
        std::set<std::string> FromSource;
        if (!Src.empty())
          for (const std::string &Name : listDir(Src))
            if (!Ignored(Name))
              FromSource.insert(Name);
        std::vector<std::string> Existing = listDir(Dest);
        std::set<std::string> All(FromSource.begin(), FromSource.end());
        for (const std::string &Name : Existing)
          if (!Ignored(Name))
            All.insert(Name);
        for (const std::string &Name : All) {
          std::string ChildPath = Dest + "/";
          ChildPath += Name;
          if (Ctx.manages("file", ChildPath))
            continue; // its own resource manages it
          Want C = W;
          C.Path = ChildPath;
          C.Content.reset();
          C.ValidateCmd.clear();
          C.SourceUrl.clear();
          C.SourcePath = FromSource.count(Name)
                             ? (llvm::Twine(Src) + "/" + Name).str()
                             : "";
          bool InSource = !C.SourcePath.empty();
          Kind SrcKind =
              InSource ? statPath(C.SourcePath, true).K : Kind::Missing;
          if (InSource)
            C.Ensure = SrcKind == Kind::Directory ? "directory" : "file";
          else if (!Src.empty() || Purge)
            C.Ensure = Purge ? "absent" : "";
          else
            C.Ensure = "";
          if (!Src.empty() && !InSource && !Purge)
            continue; // not in the source, not purged: left alone
          if (C.Ensure == "absent")
            C.Force = W.Force;
          // The child is a resource of its own in the log.
          ResourceStatus S;
          S.Type = "File";
          S.Title = ChildPath;
          S.Containers = Parent.Containers;
          catalog::Resource Fake;
          Fake.Type = "File";
          Fake.Title = ChildPath;
          ResourceView V(Fake, "path");
          ResourceRun ChildRun(V, Ctx, S, Run.noop());
          FileSync(ChildRun).sync(C);
          for (Event &E : S.Events)
            Parent.Events.push_back(std::move(E));
          Parent.Changed |= S.Changed;
          Parent.OutOfSync |= S.OutOfSync;
          Parent.Failed |= S.Failed;
          Kind Now = statPath(ChildPath, false).K;
          if (Now == Kind::Directory &&
              (InSource ? SrcKind == Kind::Directory : true))
            Walk(ChildPath, InSource ? C.SourcePath : "", Depth + 1);
        }
      };
  Walk(W.Path, W.SourcePath, 1);
}

void FileType::sync(ResourceRun &Run) {
  const ResourceView &R = Run.resource();
  Want W = wantOf(R, Run.context());
  if (W.SourcePath.empty() && !W.SourceUrl.empty() &&
      !Run.context().fetcher()) {
    Run.fail("Could not evaluate: Could not retrieve information from "
             "environment production source(s) " +
             W.SourceUrl);
    return;
  }
  FileSync F(Run);
  F.sync(W);
  if (!Run.failed())
    F.recurse(W, R);
}

} // namespace

std::unique_ptr<ResourceType> makeFileType() {
  return std::make_unique<FileType>();
}

} // namespace cppet::apply
